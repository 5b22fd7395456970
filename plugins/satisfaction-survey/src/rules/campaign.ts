// A campaign's own rules (county plan task 13: the justice bureau commissions a third-party organisation to
// survey the public's and enterprises' satisfaction with enforcement; 满意率达 93% 以上). Pure: the service reads
// the agencies the input names and asks here; refusals come back as data.
import type { FieldIssue } from '@zhifa/core';
import type { RuleRefusal } from '@zhifa/core/rules';
import type { AgencyKind, SurveyCampaignStatus } from '@zhifa/core/prisma';
import { CAMPAIGN_STATUS_NAMES } from '../names.js';

type Bilingual = { zh: string; en: string };

const TASK = { zh: '县实施方案任务13', en: 'county plan task 13' };

/** The executing organisation: a commissioned third party, never an agency surveying itself. */
export const ORGANISATION_KINDS: readonly AgencyKind[] = ['SURVEY_ORGANISATION'];
/**
 * Who is evaluated: the bodies that enforce — county enforcement agencies, and the townships, subdistricts and
 * management committees with their 综合行政执法 teams. Not the county government, the justice bureau or a 司法所
 * (they supervise enforcement, they are not its object here), nor a survey organisation.
 */
export const EVALUATED_KINDS: readonly AgencyKind[] = [
  'ENFORCEMENT_AGENCY',
  'TOWNSHIP',
  'SUBDISTRICT',
  'MANAGEMENT_COMMITTEE',
];
/** Where respondents come from: the county's 镇区 — townships, subdistricts, management committees. */
export const TOWNSHIP_KINDS: readonly AgencyKind[] = ['TOWNSHIP', 'SUBDISTRICT', 'MANAGEMENT_COMMITTEE'];

export interface CampaignFacts {
  periodStart: Date;
  periodEnd: Date;
  targetRate: number;
  respondentTypes: readonly string[];
  channels: readonly string[];
  organisationId: number;
  evaluatedAgencyIds: readonly number[];
  townshipIds: readonly number[];
}

const issue = (path: (string | number)[], m: Bilingual): FieldIssue => ({
  path,
  messageZh: m.zh,
  messageEn: m.en,
});

/**
 * Every problem with a campaign's content, at its input path. `kinds` holds the kind of each agency the input
 * names that exists (a missing one is reported as unknown).
 */
export function campaignIssues(c: CampaignFacts, kinds: ReadonlyMap<number, AgencyKind>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (c.periodStart.getTime() > c.periodEnd.getTime())
    issues.push(
      issue(['input', 'periodEnd'], {
        zh: '调查期间的结束日不能早于开始日',
        en: 'the period cannot end before it starts',
      }),
    );
  if (!(c.targetRate > 0 && c.targetRate <= 1))
    issues.push(
      issue(['input', 'targetRate'], {
        zh: `目标满意率须大于 0 且不超过 1（如 0.93，${TASK.zh}：满意率达 93% 以上）`,
        en: `the target rate is above 0 and at most 1 (e.g. 0.93, ${TASK.en}: 93 % or more)`,
      }),
    );
  if (c.respondentTypes.length === 0)
    issues.push(
      issue(['input', 'respondentTypes'], {
        zh: '至少选择一类受访者',
        en: 'at least one respondent type',
      }),
    );
  if (c.channels.length === 0)
    issues.push(issue(['input', 'channels'], { zh: '至少选择一种调查方式', en: 'at least one channel' }));
  if (c.evaluatedAgencyIds.length === 0)
    issues.push(
      issue(['input', 'evaluatedAgencyIds'], {
        zh: '至少选择一个被评价单位',
        en: 'at least one evaluated agency',
      }),
    );

  const kindIssue = (path: (string | number)[], id: number, allowed: readonly AgencyKind[], what: Bilingual) => {
    const kind = kinds.get(id);
    if (kind === undefined) issues.push(issue(path, { zh: '单位不存在', en: 'no such agency' }));
    else if (!allowed.includes(kind))
      issues.push(
        issue(path, {
          zh: `${what.zh}（${TASK.zh}），该单位类别为 ${kind}`,
          en: `${what.en} (${TASK.en}); this agency is a ${kind}`,
        }),
      );
  };
  kindIssue(['input', 'organisationId'], c.organisationId, ORGANISATION_KINDS, {
    zh: '执行调查的须为受委托的第三方调查机构',
    en: 'the executing organisation must be a commissioned third-party survey organisation',
  });
  const listIssues = (
    field: 'evaluatedAgencyIds' | 'townshipIds',
    ids: readonly number[],
    allowed: readonly AgencyKind[],
    what: Bilingual,
  ) => {
    const seen = new Set<number>();
    ids.forEach((id, i) => {
      if (seen.has(id)) issues.push(issue(['input', field, i], { zh: '重复的单位', en: 'listed twice' }));
      seen.add(id);
      kindIssue(['input', field, i], id, allowed, what);
    });
  };
  listIssues('evaluatedAgencyIds', c.evaluatedAgencyIds, EVALUATED_KINDS, {
    zh: '被评价单位须为行政执法机关、镇、街道或管委会',
    en: 'an evaluated agency is an enforcement agency, township, subdistrict or management committee',
  });
  listIssues('townshipIds', c.townshipIds, TOWNSHIP_KINDS, {
    zh: '镇区须为镇、街道或管委会',
    en: 'a township is a township, subdistrict or management committee',
  });
  return issues;
}

/** Only a draft is edited (a campaign under way keeps the terms its respondents were sampled and asked under). */
export function draftOnlyRefusal(status: SurveyCampaignStatus): RuleRefusal | null {
  if (status === 'DRAFT') return null;
  return {
    rule: 'SURVEY_CAMPAIGN_NOT_DRAFT',
    message: {
      zh: `调查项目处于“${CAMPAIGN_STATUS_NAMES[status].zh}”状态，只有草稿可以修改（${TASK.zh}）`,
      en: `The campaign is ${CAMPAIGN_STATUS_NAMES[status].en}; only a draft may be changed (${TASK.en})`,
    },
  };
}

/** The lifecycle: draft → open → closed → published, one step at a time, never back. */
export const NEXT_STATUS: Readonly<Record<'OPEN' | 'CLOSED' | 'PUBLISHED', SurveyCampaignStatus>> = {
  OPEN: 'DRAFT',
  CLOSED: 'OPEN',
  PUBLISHED: 'CLOSED',
};

export function transitionRefusal(from: SurveyCampaignStatus, to: 'OPEN' | 'CLOSED' | 'PUBLISHED'): RuleRefusal | null {
  const needed = NEXT_STATUS[to];
  if (from === needed) return null;
  const f = CAMPAIGN_STATUS_NAMES[from];
  const t = CAMPAIGN_STATUS_NAMES[to];
  const n = CAMPAIGN_STATUS_NAMES[needed];
  return {
    rule: 'SURVEY_CAMPAIGN_TRANSITION',
    message: {
      zh: `调查项目不能从“${f.zh}”转为“${t.zh}”：只有“${n.zh}”的项目可以（草稿→调查中→已结束→已公布，${TASK.zh}）`,
      en: `A campaign cannot move from ${f.en} to ${t.en}: only a ${n.en} one can (draft → open → closed → published, ${TASK.en})`,
    },
  };
}
