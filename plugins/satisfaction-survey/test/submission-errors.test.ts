// Every bad input of the issue's list, each at its boundary (the last value allowed and the first refused), through
// the real API with the organisation's key: typed errors with row and field, and nothing written — not even by a
// batch of 999 good rows and one bad one. Who may call, before any input is read. Idempotency and conflicts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTyped, gid, rowCounts, type GqlJson } from '@zhifa/testkit';
import { createCampaign, createWorld, type CampaignFixture, type ItemSpec, type World } from './fixtures.js';
import { answers, batch, recount, response, submit, SUBMIT } from './submit-fixtures.js';
import { idCheckCharacter } from '../src/personal-data.js';

let w: World;
let c: CampaignFixture;
beforeAll(async () => {
  w = await createWorld();
  c = await createCampaign(w);
});
afterAll(() => w?.h.close());

const OK = 'MutationSubmitSurveyResponsesSuccess';
let seq = 0;
/** A fresh external id per call, so accepted rows never collide across tests. */
const fresh = (over: Record<string, unknown> = {}) => response(w, seq, { externalId: `E-${seq++}`, ...over });

/** Submits `responses`; expects a ValidationError whose issues are exactly at `paths`, and that nothing was written. */
async function refused(responses: unknown[], paths: (string | number)[][], campaign = c) {
  const before = await rowCounts(w.h.db.prisma);
  const r = expectTyped(await submit(w, campaign, responses), 'ValidationError', { code: 'VALIDATION_FAILED' });
  // FieldIssue.path is a list of strings in the graph.
  expect(r.issues.map((i: GqlJson) => i.path)).toEqual(paths.map((p) => p.map(String)));
  for (const i of r.issues) {
    expect(i.message).toMatch(/[\u4e00-\u9fff]/);
    expect(i.messageEn).toMatch(/[A-Za-z]/);
  }
  expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  return r.issues as GqlJson[];
}
const accepted = async (responses: unknown[], campaign = c) =>
  expect(expectTyped(await submit(w, campaign, responses), OK).data.accepted).toBe(responses.length);

describe('who may submit (decided before any input is read)', () => {
  // Well-typed for GraphQL but wrong in every field the batch checks: a caller let through would get VALIDATION_FAILED.
  const bad = () => [response(w, 0, { externalId: '', agency: w.org.gid, collectedAt: '2030-13-01T00:00:00Z' })];
  it('the public is unauthenticated; people and enterprises are forbidden — whatever the input', async () => {
    for (const [token, code] of [
      [undefined, 'UNAUTHENTICATED'],
      [w.tokens.supervisor, 'FORBIDDEN'],
      [w.tokens.officerA, 'FORBIDDEN'],
      [w.tokens.sysAdmin, 'FORBIDDEN'],
      [w.tokens.enterprise, 'FORBIDDEN'],
    ] as const) {
      const res = await w.h.gql(SUBMIT, { campaignId: c.gid, responses: bad() }, token);
      expectTyped(res.data!.submitSurveyResponses, `${code === 'FORBIDDEN' ? 'Forbidden' : 'Unauthenticated'}Error`, {
        code,
      });
    }
  });
  it('another organisation’s campaign, an unknown campaign and a non-campaign id are NOT_FOUND alike', async () => {
    const theirs = await createCampaign(w, { organisationId: w.otherOrg.id });
    for (const campaignId of [theirs.gid, gid('SurveyCampaign', 999999), w.agencyA.gid]) {
      const res = await w.h.gql(SUBMIT, { campaignId, responses: bad() }, w.orgKey);
      expectTyped(res.data!.submitSurveyResponses, 'NotFoundError', { code: 'NOT_FOUND' });
    }
    const res = await w.h.gql(SUBMIT, { campaignId: c.gid, responses: bad() }, w.otherOrgKey);
    expectTyped(res.data!.submitSurveyResponses, 'NotFoundError', { code: 'NOT_FOUND' });
  });
});

describe('the campaign must be open (county plan task 13)', () => {
  it('draft, closed and published campaigns refuse; open accepts', async () => {
    for (const status of ['DRAFT', 'CLOSED', 'PUBLISHED'] as const) {
      const other = await createCampaign(w, { status });
      const before = await rowCounts(w.h.db.prisma);
      expectTyped(await submit(w, other, [fresh()]), 'RuleViolation', {
        rule: 'SURVEY_CAMPAIGN_NOT_OPEN',
        zh: '任务13',
        en: 'OPEN',
      });
      expect(await rowCounts(w.h.db.prisma)).toEqual(before);
    }
    await accepted([fresh()]);
  });
});

describe('the batch size', () => {
  it('1,001 responses are refused before any is read (1,000 pass: submission.test.ts)', async () => {
    const before = await rowCounts(w.h.db.prisma);
    const r = expectTyped(await submit(w, c, batch(w, 100000, 1001)), 'ValidationError');
    expect(r.issues).toEqual([
      expect.objectContaining({ path: ['responses'], messageEn: 'at most 1000 items (got 1001)' }),
    ]);
    expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  });
  it('999 good rows and one bad write nothing, and the bad row is named', async () => {
    const rows = batch(w, 200000, 1000);
    rows[500] = { ...rows[500], township: w.agencyA.gid };
    await refused(rows, [['responses', 500, 'township']]);
  });
});

describe('each field at its boundary', () => {
  it('externalId: 1–64 printable ASCII characters, once per batch', async () => {
    await accepted([fresh({ externalId: 'x'.repeat(63) + '1' }), fresh({ externalId: '~!' })]);
    await refused(
      [
        fresh({ externalId: 'y'.repeat(65) }),
        fresh({ externalId: 'has space' }),
        fresh({ externalId: '编号' }),
        fresh({ externalId: 'DUP' }),
        fresh({ externalId: 'DUP' }),
      ],
      [
        ['responses', 0, 'externalId'],
        ['responses', 1, 'externalId'],
        ['responses', 2, 'externalId'],
        ['responses', 4, 'externalId'],
      ],
    );
    const empty = await refused([fresh({ externalId: '' })], [['responses', 0, 'externalId']]);
    expect(empty[0].messageEn).toContain('1–64');
  });

  it('agency: an agency the campaign evaluates; township: one of its townships; both global ids of agencies', async () => {
    await refused(
      [
        fresh({ agency: w.township.gid }),
        fresh({ agency: w.org.gid }),
        fresh({ agency: gid('SurveyCampaign', c.id) }),
        fresh({ township: w.agencyA.gid }),
        fresh({ township: 'not-an-id' }),
      ],
      [
        ['responses', 0, 'agency'],
        ['responses', 1, 'agency'],
        ['responses', 2, 'agency'],
        ['responses', 3, 'township'],
        ['responses', 4, 'township'],
      ],
    );
  });

  it('respondent type and channel: the campaign’s own', async () => {
    const narrow = await createCampaign(w);
    await w.h.db.prisma.surveyCampaign.update({ where: { id: narrow.id }, data: { channels: ['PHONE'] } });
    await accepted([fresh({ respondentType: 'LAWYER', channel: 'PHONE' })], narrow);
    await refused(
      [fresh({ respondentType: 'INDIVIDUAL_BUSINESS' }), fresh({ channel: 'ONLINE' })],
      [
        ['responses', 0, 'respondentType'],
        ['responses', 1, 'channel'],
      ],
      narrow,
    );
  });

  it('collectedAt: from the period’s first day (Asia/Shanghai) to now plus 5 minutes of clock skew; malformed refused', async () => {
    const now = Date.now();
    await accepted([
      fresh({ collectedAt: '2025-12-31T16:00:00.000Z' }), // 2026-01-01 00:00 in Shanghai: the period's start
      fresh({ collectedAt: new Date(now + 4 * 60_000).toISOString() }),
    ]);
    const issues = await refused(
      [
        fresh({ collectedAt: '2025-12-31T15:59:59.999Z' }),
        fresh({ collectedAt: new Date(now + 6 * 60_000).toISOString() }),
      ],
      [
        ['responses', 0, 'collectedAt'],
        ['responses', 1, 'collectedAt'],
      ],
    );
    expect(issues[1].messageEn).toContain('5 minutes');
    // A malformed instant is refused at its path by core's input hygiene (before the batch's own checks).
    await refused([fresh(), fresh({ collectedAt: '2026-02-30T10:00:00Z' })], [['responses', 1, 'collectedAt']]);
  });

  it('durationSeconds: 0 to 86,400', async () => {
    await accepted([fresh({ durationSeconds: 0 }), fresh({ durationSeconds: 86400 })]);
    await refused(
      [fresh({ durationSeconds: -1 }), fresh({ durationSeconds: 86401 })],
      [
        ['responses', 0, 'durationSeconds'],
        ['responses', 1, 'durationSeconds'],
      ],
    );
  });

  it('answers: known items, the kind each item takes, options only, required items, each item once', async () => {
    const base = answers(0);
    const swap = (k: number, a: Record<string, unknown>) => base.map((x, j) => (j === k ? a : x));
    await refused(
      [
        fresh({ answers: [...base, { item: 'Q99', level: 'SATISFIED' }] }),
        fresh({ answers: swap(0, { item: 'Q1', choice: '0' }) }),
        fresh({ answers: swap(8, { item: 'Q9', choice: '4+' }) }),
        fresh({ answers: swap(8, { item: 'Q9', level: 'SATISFIED' }) }),
        fresh({ answers: [...base, { item: 'Q10', level: 'SATISFIED' }] }),
        fresh({ answers: swap(0, { item: 'Q1' }) }),
        fresh({ answers: base.filter((a) => a.item !== 'Q8') }),
        fresh({ answers: [...base, { item: 'Q2', level: 'SATISFIED' }] }),
      ],
      [
        ['responses', 0, 'answers', 9, 'item'],
        ['responses', 1, 'answers', 0, 'choice'],
        ['responses', 2, 'answers', 8, 'choice'],
        ['responses', 3, 'answers', 8, 'level'],
        ['responses', 4, 'answers', 9, 'level'],
        ['responses', 5, 'answers', 0, 'level'],
        ['responses', 6, 'answers'],
        ['responses', 7, 'answers', 9, 'item'],
      ],
    );
    // An optional item (Q7, Q10) may be left out.
    await accepted([fresh({ answers: base.filter((a) => a.item !== 'Q7') })]);
  });

  it('free text: 2,000 characters pass, 2,001 and an empty text are refused', async () => {
    await accepted([fresh({ answers: answers(0, { text: '好'.repeat(2000) }) })]);
    await refused(
      [fresh({ answers: answers(0, { text: '好'.repeat(2001) }) }), fresh({ answers: answers(0, { text: '  ' }) })],
      [
        ['responses', 0, 'answers', 9, 'text'],
        ['responses', 1, 'answers', 9, 'text'],
      ],
    );
  });

  it('at most 60 answers: a 60-item questionnaire answered whole passes, 61 answers are refused', async () => {
    const items: ItemSpec[] = Array.from({ length: 60 }, (_, k) => ({
      code: `Q${k + 1}`,
      kind: 'LIKERT5',
      dimension: k === 0 ? 'OVERALL' : 'CIVILITY',
      text: `题${k + 1}`,
    }));
    const big = await createCampaign(w, { items });
    const all = items.map((it, k) => ({ item: it.code, level: k % 2 ? 'SATISFIED' : 'VERY_SATISFIED' }));
    await accepted([fresh({ answers: all })], big);
    await refused(
      [fresh({ answers: [...all, { item: 'Q1', level: 'SATISFIED' }] })],
      [['responses', 0, 'answers']],
      big,
    );
  });
});

describe('no personal data in free text (个人信息保护法 第6条)', () => {
  const text = (t: string) => fresh({ answers: answers(0, { text: t }) });
  const id17 = '32092319850612123';
  const validId = id17 + idCheckCharacter(id17);
  const wrongCheck = id17 + (idCheckCharacter(id17) === '0' ? '1' : '0');

  it('refuses a mobile number — whole, grouped, with +86, full-width — naming the row, field and the law', async () => {
    const issues = await refused(
      [
        text('请回电 13812345678'),
        text('电话138 1234 5678'),
        text('电话 138-1234-5678 谢谢'),
        text('+8619912345678'),
        text('１３８１２３４５６７８'),
      ],
      [0, 1, 2, 3, 4].map((i) => ['responses', i, 'answers', 9, 'text']),
    );
    for (const i of issues) {
      expect(i.message).toContain('个人信息保护法》第6条');
      expect(i.messageEn).toContain('个人信息保护法 第6条');
      expect(i.messageEn).toContain('minimum necessary');
    }
  });
  it('lets through numbers that are not a mobile number: 12…, ten digits, a longer digit run', async () => {
    await accepted([
      text('编号 12812345678'),
      text('1381234567 少一位'),
      text('订单 138123456789 多一位'),
      text('罚款 2000 元，2026年3月1日'),
    ]);
  });
  it('refuses an 18-character ID number with a valid check character and the 15-digit old form', async () => {
    await refused(
      [
        text(`身份证 ${validId}`),
        text(`旧证 320923850612123`),
        text(`${validId.slice(0, 6)} ${validId.slice(6, 14)} ${validId.slice(14)}`),
      ],
      [0, 1, 2].map((i) => ['responses', i, 'answers', 9, 'text']),
    );
  });
  it('lets through an 18-digit number with a wrong check character, and 15 digits that hold no birth date', async () => {
    await accepted([text(`号码 ${wrongCheck}`), text('流水 320923851312123')]);
  });
});

describe('idempotency by (campaign, externalId)', () => {
  it('an identical resubmission is a duplicate and changes nothing; a mixed one writes only the new rows', async () => {
    const cc = await createCampaign(w);
    const rows = batch(w, 0, 5, (i) => ({ externalId: `I-${i}` }));
    await accepted(rows, cc);
    const before = await rowCounts(w.h.db.prisma);
    const dup = expectTyped(await submit(w, cc, rows), OK);
    expect(dup.data).toEqual({ accepted: 0, duplicates: 5, rejected: 0, flagged: 0, batch: null });
    expect(await rowCounts(w.h.db.prisma)).toEqual(before);
    const mixed = expectTyped(await submit(w, cc, [...rows.slice(0, 2), response(w, 9, { externalId: 'I-9' })]), OK);
    expect(mixed.data).toMatchObject({ accepted: 1, duplicates: 2, batch: { accepted: 1, duplicates: 2 } });
    expect((await w.h.db.prisma.surveyCampaign.findUniqueOrThrow({ where: { id: cc.id } })).responseCount).toBe(6);
  });

  it('a changed resubmission is a conflict: the whole batch is refused and the row named', async () => {
    const cc = await createCampaign(w);
    const rows = batch(w, 0, 3, (i) => ({ externalId: `C-${i}` }));
    await accepted(rows, cc);
    const before = await rowCounts(w.h.db.prisma);
    const changed = [response(w, 50, { externalId: 'C-new' }), rows[0], { ...rows[2], durationSeconds: 301 }];
    expectTyped(await submit(w, cc, changed), 'RuleViolation', {
      rule: 'SURVEY_RESPONSE_CONFLICT',
      zh: '第 2 行',
      en: 'row 2',
    });
    expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  });

  it('two identical batches at once are counted once', async () => {
    const cc = await createCampaign(w);
    const rows = batch(w, 0, 50, (i) => ({ externalId: `P-${i}` }));
    const [a, b] = await Promise.all([submit(w, cc, rows), submit(w, cc, rows)]);
    const results = [expectTyped(a, OK).data, expectTyped(b, OK).data];
    expect(results.map((r) => r.accepted).sort()).toEqual([0, 50]);
    expect(results.map((r) => r.duplicates).sort()).toEqual([0, 50]);
    expect(await w.h.db.prisma.surveyResponse.count({ where: { campaignId: cc.id } })).toBe(50);
    expect((await w.h.db.prisma.surveyCampaign.findUniqueOrThrow({ where: { id: cc.id } })).responseCount).toBe(50);
    const { rollup, counted } = await recount(w, cc);
    expect(rollup).toEqual(counted);
    expect(
      await w.h.db.prisma.event.count({
        where: { topic: 'satisfactionSurvey.batchSubmitted', payload: { path: ['campaignId'], equals: cc.id } },
      }),
    ).toBe(1);
  });
});
