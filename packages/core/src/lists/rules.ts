// Lifecycle of a versioned enforcement list, as pure functions: draft → published → repealed.
//
// Decisions (see also lists.prisma):
// - A published version is immutable. A change is a new DRAFT version (N+1) of the same series,
//   made from the published one with its items copied.
// - Version N stays PUBLISHED while N+1 is drafted; publishing N+1 marks N REPEALED (superseded),
//   so exactly one version of a series is in force at any time and the public never sees a gap.
// - Repealed versions stay readable by everyone: the history of what was 向社会公布 is itself public.
// - One draft per series at a time: a second "new version" while a draft exists is refused.
import { RuleViolation, ValidationError, type Bilingual } from '../errors.js';
import type { ListIssuerLevel, ListStatus } from '../generated/prisma/enums.js';

export interface ListState {
  status: ListStatus;
  validFrom: Date | null;
  validUntil: Date | null;
}

const STATUS_ZH: Record<ListStatus, string> = { DRAFT: '草稿', PUBLISHED: '已公布', REPEALED: '已废止' };

/** Items and metadata may change only while a version is a draft. */
export function assertEditable(list: Pick<ListState, 'status'>): void {
  if (list.status !== 'DRAFT')
    throw new RuleViolation('LIST_IMMUTABLE', {
      zh: `清单${STATUS_ZH[list.status]}，不可修改；如需调整请基于已公布版本新建版本`,
      en: `The list is ${list.status.toLowerCase()} and cannot be changed; create a new version from the published one`,
    });
}

/** validUntil, when set, must not precede validFrom. */
export function checkValidity(
  validFrom: Date | null,
  validUntil: Date | null,
  path: (string | number)[] = ['input'],
): void {
  if (validFrom && validUntil && validUntil.getTime() < validFrom.getTime())
    throw ValidationError.one([...path, 'validUntil'], {
      zh: '有效期截止日期不能早于生效日期',
      en: 'validUntil must not be earlier than validFrom',
    });
}

/**
 * A list issued above the county (national, provincial, municipal) is recorded here by a county
 * agency but was made by another body: name it (制定机关), or nobody can tell whose list binds.
 * A county list's issuer is the recording agency itself, so the body may be left out.
 */
export function checkIssuer(
  issuerLevel: ListIssuerLevel,
  issuingBody: string | null,
  path: (string | number)[] = ['input'],
): void {
  if (issuerLevel !== 'COUNTY' && !issuingBody?.trim())
    throw ValidationError.one([...path, 'issuingBody'], {
      zh: '县级以上制定的清单须填写制定机关',
      en: 'a list issued above the county must name its issuing body',
    });
}

export interface PublishPlan {
  /** The date the version takes effect: its own, or the publication day when none was set. */
  validFrom: Date;
}

/** May this version be published now? `itemCount` is the number of items it holds. */
export function planPublish(list: ListState, itemCount: number, today: Date): PublishPlan {
  if (list.status !== 'DRAFT')
    throw new RuleViolation('LIST_NOT_DRAFT', {
      zh: `只有草稿可以公布（当前：${STATUS_ZH[list.status]}）`,
      en: `Only a draft can be published (this one is ${list.status.toLowerCase()})`,
    });
  if (itemCount === 0)
    throw new RuleViolation('LIST_EMPTY', {
      zh: '清单没有任何事项，不能公布',
      en: 'An empty list cannot be published',
    });
  const validFrom = list.validFrom ?? today;
  if (list.validUntil && list.validUntil.getTime() < validFrom.getTime())
    throw new RuleViolation('LIST_VALIDITY', {
      zh: '有效期截止日期早于生效日期，不能公布',
      en: 'The validity period ends before it starts; cannot publish',
    });
  return { validFrom };
}

/** Only a published version can be repealed; a draft is simply not published. */
export function assertRepealable(list: Pick<ListState, 'status'>): void {
  if (list.status !== 'PUBLISHED')
    throw new RuleViolation('LIST_NOT_PUBLISHED', {
      zh: `只有已公布的清单可以废止（当前：${STATUS_ZH[list.status]}）`,
      en: `Only a published list can be repealed (this one is ${list.status.toLowerCase()})`,
    });
}

/**
 * A new version starts from the version in force. `latestVersion` is the highest version number
 * of the series and `hasDraft` whether a draft already exists in it.
 */
export function planNewVersion(
  list: Pick<ListState, 'status'> & { version: number },
  latestVersion: number,
  hasDraft: boolean,
): { version: number } {
  if (list.status !== 'PUBLISHED')
    throw new RuleViolation('LIST_NOT_PUBLISHED', {
      zh: '只能基于已公布的版本新建版本',
      en: 'A new version can be made only from the published version',
    });
  if (hasDraft)
    throw new RuleViolation('LIST_DRAFT_EXISTS', {
      zh: '该清单已有待公布的草稿版本，请先完成或公布该草稿',
      en: 'This list already has a draft version; finish or publish it first',
    });
  return { version: latestVersion + 1 };
}

/** The note recorded on a version replaced by the next one. */
export function supersededNote(nextVersion: number): Bilingual {
  return { zh: `已被第 ${nextVersion} 版取代`, en: `Superseded by version ${nextVersion}` };
}

import { shanghaiToday } from '../rules/shanghai-time.js';

export { shanghaiToday };

/** Published and, on the given day (Asia/Shanghai), within its validity period. */
export function isInForce(l: ListState, now: Date): boolean {
  if (l.status !== 'PUBLISHED') return false;
  const today = shanghaiToday(now).getTime();
  return (!l.validFrom || l.validFrom.getTime() <= today) && (!l.validUntil || l.validUntil.getTime() >= today);
}

/**
 * A conditional update found the version no longer in the status it was read in: another request
 * changed it first (two admins publishing at once). The loser is told so, with the rule it would
 * now meet, instead of a silent no-op.
 */
export function changedMeanwhile(expected: 'DRAFT' | 'PUBLISHED'): RuleViolation {
  return expected === 'DRAFT'
    ? new RuleViolation('LIST_NOT_DRAFT', {
        zh: '该草稿已被他人同时公布或更改，请刷新后查看',
        en: 'Someone else published or changed this draft at the same time; reload it',
      })
    : new RuleViolation('LIST_NOT_PUBLISHED', {
        zh: '该清单已被他人同时废止或取代，请刷新后查看',
        en: 'Someone else repealed or superseded this list at the same time; reload it',
      });
}
