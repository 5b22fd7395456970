// Campaign lifecycle through the API (county plan task 13): draft → open → closed → published, one unit of work and
// one event each; every refusal at its boundary writes nothing; only supervisors run campaigns; who sees which
// campaign; and the statements a campaigns list costs, whatever its length.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, expectTyped, gid, rowCounts, type GqlJson } from '@zhifa/testkit';
import { createCampaign, createWorld, type World } from './fixtures.js';
import {
  campaignInput,
  CLOSE,
  CREATE,
  OPEN,
  out,
  PUBLISH,
  SET_QUESTIONNAIRE,
  STANDARD_INPUT,
  UPDATE,
} from './campaign-helpers.js';

let w: World;
let sup: string;
beforeAll(async () => {
  w = await createWorld();
  sup = w.tokens.supervisor;
});
afterAll(() => w?.h.close());

/** As the supervisor unless another caller is given (null: the public, no token). */
const call = async (doc: string, vars: Record<string, unknown>, token: string | null = sup): Promise<GqlJson> =>
  out(await w.h.gql(doc, vars, token ?? undefined));

/** A refusal writes nothing: every table's row count is unchanged. */
async function refusedWritingNothing(doc: string, vars: Record<string, unknown>, typename: string, rule?: string) {
  const before = await rowCounts(w.h.db.prisma);
  const r = expectTyped(await call(doc, vars), typename, rule ? { rule } : {});
  expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  return r;
}

async function draft(over: Record<string, unknown> = {}): Promise<string> {
  const r = expectTyped(await call(CREATE, { input: campaignInput(w, over) }), 'MutationCreateSurveyCampaignSuccess');
  return r.data.id as string;
}

const topics = async (campaignId: string) =>
  (await w.h.db.prisma.event.findMany({ orderBy: { id: 'asc' } }))
    .filter((e) => (e.payload as { campaignId?: number }).campaignId === Number(atob(campaignId).split(':')[1]))
    .map((e) => ({ topic: e.topic, agencyId: e.agencyId, public: e.public, status: (e.payload as GqlJson).status }));

describe('lifecycle', () => {
  it('creates a draft commissioned by the justice bureau, sets the questionnaire, opens, closes and publishes — one event each', async () => {
    const created = expectTyped(
      await call(CREATE, { input: campaignInput(w, { targetRate: 0.95, basicallySatisfiedCounts: true }) }),
      'MutationCreateSurveyCampaignSuccess',
    ).data;
    expect(created).toMatchObject({
      status: 'DRAFT',
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      targetRate: 0.95,
      basicallySatisfiedCounts: true,
      minDurationSeconds: 60,
      respondentTypes: ['PUBLIC', 'ENTERPRISE'],
      channels: ['PHONE'],
      commissioningAgency: { id: w.justice.gid },
      organisation: { id: w.org.gid },
      openedAt: null,
      questionnaire: null,
    });
    expect(created.evaluatedAgencies.totalCount).toBe(2);
    expect(created.evaluatedAgencies.edges.map((e: GqlJson) => e.node.agency.id)).toEqual([
      w.agencyA.gid,
      w.agencyB.gid,
    ]);
    expect(created.townships.edges.map((e: GqlJson) => e.node.agency.id)).toEqual([w.township.gid, w.township2.gid]);

    const q = expectTyped(
      await call(SET_QUESTIONNAIRE, { id: created.id, items: STANDARD_INPUT }),
      'MutationSetSurveyQuestionnaireSuccess',
    ).data;
    expect(q).toMatchObject({ version: 1, frozenAt: null, items: { totalCount: 10 } });

    const opened = expectTyped(await call(OPEN, { id: created.id }), 'MutationOpenSurveyCampaignSuccess').data;
    expect(opened.status).toBe('OPEN');
    expect(opened.openedAt).not.toBeNull();
    expect(opened.questionnaire.version).toBe(1);
    expect(opened.questionnaire.frozenAt).toBe(opened.openedAt);
    const strata = await w.h.db.prisma.surveyStratum.findMany({ orderBy: { agencyId: 'asc' } });
    expect(strata.map((s) => [s.agencyId, s.population, s.sampleSize])).toEqual([
      [w.agencyA.id, 0, 0],
      [w.agencyB.id, 0, 0],
    ]);

    const closed = expectTyped(await call(CLOSE, { id: created.id }), 'MutationCloseSurveyCampaignSuccess').data;
    expect(closed.status).toBe('CLOSED');
    expect(closed.closedAt).not.toBeNull();
    const published = expectTyped(await call(PUBLISH, { id: created.id }), 'MutationPublishSurveyCampaignSuccess').data;
    expect(published.status).toBe('PUBLISHED');
    expect(published.publishedAt).not.toBeNull();

    expect(await topics(created.id)).toEqual([
      { topic: 'satisfactionSurvey.campaignCreated', agencyId: w.org.id, public: false, status: 'DRAFT' },
      { topic: 'satisfactionSurvey.questionnaireSet', agencyId: w.org.id, public: false, status: 'DRAFT' },
      { topic: 'satisfactionSurvey.campaignOpened', agencyId: w.org.id, public: false, status: 'OPEN' },
      { topic: 'satisfactionSurvey.campaignClosed', agencyId: w.org.id, public: false, status: 'CLOSED' },
      { topic: 'satisfactionSurvey.campaignPublished', agencyId: w.org.id, public: true, status: 'PUBLISHED' },
    ]);
  });

  it('chooses the county justice bureau as commissioning agency for a system admin too', async () => {
    const r = expectTyped(
      await call(CREATE, { input: campaignInput(w) }, w.tokens.sysAdmin),
      'MutationCreateSurveyCampaignSuccess',
    );
    expect(r.data.commissioningAgency.id).toBe(w.justice.gid);
  });

  it('updates a draft whole (agencies and townships replaced), with its event', async () => {
    const id = await draft();
    const r = expectTyped(
      await call(UPDATE, {
        id,
        input: campaignInput(w, { title: '改名', evaluatedAgencyIds: [w.agencyB.gid], townshipIds: [] }),
      }),
      'MutationUpdateSurveyCampaignSuccess',
    ).data;
    expect(r.title).toBe('改名');
    expect(r.evaluatedAgencies.edges.map((e: GqlJson) => e.node.agency.id)).toEqual([w.agencyB.gid]);
    expect(r.townships.totalCount).toBe(0);
    expect((await topics(id)).map((e) => e.topic)).toEqual([
      'satisfactionSurvey.campaignCreated',
      'satisfactionSurvey.campaignUpdated',
    ]);
  });
});

describe('lifecycle refusals, each at its boundary, writing nothing', () => {
  it('edits only a draft (SURVEY_CAMPAIGN_NOT_DRAFT)', async () => {
    const open = await createCampaign(w, { status: 'OPEN' });
    const r = await refusedWritingNothing(
      UPDATE,
      { id: open.gid, input: campaignInput(w) },
      'RuleViolation',
      'SURVEY_CAMPAIGN_NOT_DRAFT',
    );
    expect(r.message).toContain('任务13');
    expect(r.messageEn).toContain('task 13');
  });

  it('moves one step at a time, never back or across (SURVEY_CAMPAIGN_TRANSITION)', async () => {
    const cases: [string, 'DRAFT' | 'OPEN' | 'CLOSED' | 'PUBLISHED'][] = [
      [OPEN, 'OPEN'],
      [OPEN, 'CLOSED'],
      [OPEN, 'PUBLISHED'],
      [CLOSE, 'DRAFT'],
      [CLOSE, 'CLOSED'],
      [CLOSE, 'PUBLISHED'],
      [PUBLISH, 'DRAFT'],
      [PUBLISH, 'OPEN'],
      [PUBLISH, 'PUBLISHED'],
    ];
    for (const [doc, status] of cases) {
      const c = await createCampaign(w, { status });
      const r = await refusedWritingNothing(doc, { id: c.gid }, 'RuleViolation', 'SURVEY_CAMPAIGN_TRANSITION');
      expect(r.message).toMatch(/任务13/);
    }
  });

  it('opens only with a questionnaire (SURVEY_QUESTIONNAIRE_MISSING)', async () => {
    const id = await draft();
    await refusedWritingNothing(OPEN, { id }, 'RuleViolation', 'SURVEY_QUESTIONNAIRE_MISSING');
  });

  it('answers NotFoundError for an unknown campaign', async () => {
    await refusedWritingNothing(OPEN, { id: gid('SurveyCampaign', 999_999) }, 'NotFoundError');
  });
});

describe('campaign input', () => {
  const issuePaths = (r: GqlJson) => r.issues.map((i: GqlJson) => i.path.join('.'));

  it('accepts the last allowed values: start = end, target 1, a township as evaluated agency, no townships', async () => {
    const r = expectTyped(
      await call(CREATE, {
        input: campaignInput(w, {
          periodStart: '2026-03-01',
          periodEnd: '2026-03-01',
          targetRate: 1,
          evaluatedAgencyIds: [w.township.gid],
          townshipIds: [],
        }),
      }),
      'MutationCreateSurveyCampaignSuccess',
    );
    expect(r.data.targetRate).toBe(1);
  });

  it.each([
    ['period ends before it starts', { periodStart: '2026-03-02', periodEnd: '2026-03-01' }, 'input.periodEnd'],
    ['target 0', { targetRate: 0 }, 'input.targetRate'],
    ['target above 1', { targetRate: 1.0001 }, 'input.targetRate'],
    ['no respondent type', { respondentTypes: [] }, 'input.respondentTypes'],
    ['no channel', { channels: [] }, 'input.channels'],
    ['no evaluated agency', { evaluatedAgencyIds: [] }, 'input.evaluatedAgencyIds'],
  ])('refuses %s (ValidationError, nothing written)', async (_name, over, path) => {
    const r = await refusedWritingNothing(CREATE, { input: campaignInput(w, over) }, 'ValidationError');
    expect(issuePaths(r)).toEqual([path]);
  });

  it('refuses agencies of the wrong kind, each at its index, and an agency listed twice', async () => {
    const r = await refusedWritingNothing(
      CREATE,
      {
        input: campaignInput(w, {
          organisationId: w.agencyA.gid,
          evaluatedAgencyIds: [w.agencyA.gid, w.justice.gid, w.agencyA.gid],
          townshipIds: [w.township.gid, w.agencyB.gid],
        }),
      },
      'ValidationError',
    );
    expect(issuePaths(r)).toEqual([
      'input.organisationId',
      'input.evaluatedAgencyIds.1',
      'input.evaluatedAgencyIds.2',
      'input.townshipIds.1',
    ]);
    expect(r.message).toContain('第三方调查机构');
    expect(r.messageEn).toContain('county plan task 13');
  });

  it('refuses an update of another kind of input the same way', async () => {
    const id = await draft();
    const r = await refusedWritingNothing(
      UPDATE,
      { id, input: campaignInput(w, { targetRate: 0 }) },
      'ValidationError',
    );
    expect(issuePaths(r)).toEqual(['input.targetRate']);
  });
});

describe('who runs campaigns', () => {
  it('refuses everyone but supervisors before looking at the input', async () => {
    const bad = { input: campaignInput(w, { targetRate: 0 }) };
    const open = await createCampaign(w, { status: 'DRAFT' });
    const callers: [string | null, string][] = [
      [null, 'UnauthenticatedError'],
      [w.tokens.officerA, 'ForbiddenError'],
      [w.tokens.adminA, 'ForbiddenError'],
      [w.tokens.enterprise, 'ForbiddenError'],
      [w.orgKey, 'ForbiddenError'],
    ];
    for (const [token, typename] of callers) {
      const before = await rowCounts(w.h.db.prisma);
      expectTyped(await call(CREATE, bad, token), typename);
      expectTyped(await call(OPEN, { id: open.gid }, token), typename);
      expect(await rowCounts(w.h.db.prisma)).toEqual(before);
    }
  });
});

describe('visibility', () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    // A fresh set: only agencyA evaluated, so agencyB's staff see nothing but what is published.
    const mk = async (status: 'DRAFT' | 'OPEN' | 'PUBLISHED', organisationId = w.org.id) =>
      (await createCampaign(w, { status, organisationId, evaluated: [w.agencyA.id], title: `vis-${status}` })).gid;
    ids = {
      draft: await mk('DRAFT'),
      open: await mk('OPEN'),
      published: await mk('PUBLISHED'),
      otherOrg: await mk('OPEN', w.otherOrg.id),
    };
  });
  const seen = async (token?: string) => {
    const res = await w.h.gql(`{ surveyCampaigns(first: 100) { edges { node { id } } } }`, {}, token);
    expect(res.errors).toBeUndefined();
    const mine = new Set(Object.values(ids));
    const got = (res.data.surveyCampaigns.edges as GqlJson[])
      .map((e) => e.node.id as string)
      .filter((id) => mine.has(id));
    return Object.entries(ids)
      .filter(([, id]) => got.includes(id))
      .map(([k]) => k)
      .sort();
  };

  it('supervisor: all; organisation: its own; evaluated agency: its own; others and the public: published only', async () => {
    expect(await seen(sup)).toEqual(['draft', 'open', 'otherOrg', 'published']);
    expect(await seen(w.orgKey)).toEqual(['draft', 'open', 'published']);
    expect(await seen(w.otherOrgKey)).toEqual(['otherOrg', 'published']);
    expect(await seen(w.tokens.officerA)).toEqual(['draft', 'open', 'otherOrg', 'published']);
    expect(await seen(w.tokens.officerB)).toEqual(['published']);
    expect(await seen(w.tokens.enterprise)).toEqual(['published']);
    expect(await seen(undefined)).toEqual(['published']);
  });

  it('filters by status', async () => {
    const res = await w.h.gql(
      `query($s: SurveyCampaignStatus) { surveyCampaigns(status: $s, first: 100) { edges { node { id status } } } }`,
      { s: 'PUBLISHED' },
    );
    expect((res.data.surveyCampaigns.edges as GqlJson[]).every((e) => e.node.status === 'PUBLISHED')).toBe(true);
  });

  it('node(id) of a campaign the caller may not see is null', async () => {
    const res = await w.h.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: ids.draft }, w.tokens.officerB);
    expect(res.data.node).toBeNull();
  });
});

describe('N+1', () => {
  it('lists campaigns with agencies, townships and questionnaire items in a constant number of statements', async () => {
    const q = `{ surveyCampaigns(first: 100) { edges { node { id title
      evaluatedAgencies { totalCount edges { node { agency { id name } } } }
      townships { edges { node { agency { name } } } }
      organisation { name } commissioningAgency { name }
      questionnaire { version items { totalCount edges { node { code text options } } } } } } } }`;
    const before = await countStatements(w.h, () => w.h.gql(q, {}, sup));
    expect(before.result.errors).toBeUndefined();
    for (let i = 0; i < 5; i++) await createCampaign(w, { status: 'OPEN', title: `n+1 ${i}` });
    const after = await countStatements(w.h, () => w.h.gql(q, {}, sup));
    expect(after.result.errors).toBeUndefined();
    expect(after.result.data.surveyCampaigns.edges.length).toBeGreaterThan(
      before.result.data.surveyCampaigns.edges.length,
    );
    expect(after.count, after.statements.join('\n')).toBe(before.count);
    expect(after.count).toBeLessThanOrEqual(12);
  });
});
