// The three list kinds on core's list machinery: attributes at their bounds, the CSV with Chinese
// headers (round trip), and the checks against the database (the matter exists; a LIGHTER band lies in
// the matter's 从轻 tier or lawful range — 行政处罚法 第32条、第34条).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '@zhifa/core';
import { exportListCsv, parseListCsv } from '@zhifa/core/lists';
import { createMatter, idOf, type GqlJson } from '@zhifa/testkit';
import {
  EXCLUSIONS_MAX,
  lighterAttributes,
  lighterCsvColumns,
  MATTER_CODE_MAX,
  MEASURE_PROVISION_MAX,
  MEASURE_TARGET_MAX,
  mitigatedAttributes,
  mitigatedCsvColumns,
  noCompulsoryAttributes,
  noCompulsoryCsvColumns,
} from '../src/attributes.js';
import { MITIGATION_CIRCUMSTANCES } from '../src/rules.js';
import { addItem, createDraft, ERR, createWorld, type World } from './fixtures.js';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w?.h.close());

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) => schema.safeParse(v).success;

describe('attributes at their bounds', () => {
  const base = { matterCode: 'M-1' };
  it('every item names a matter: required, trimmed, at most 64 characters, no spaces', () => {
    expect(ok(lighterAttributes, { ...base })).toBe(true);
    expect(ok(lighterAttributes, {})).toBe(false);
    expect(ok(lighterAttributes, { matterCode: '   ' })).toBe(false);
    expect(ok(lighterAttributes, { matterCode: 'A'.repeat(MATTER_CODE_MAX) })).toBe(true);
    expect(ok(lighterAttributes, { matterCode: 'A'.repeat(MATTER_CODE_MAX + 1) })).toBe(false);
    expect(ok(lighterAttributes, { matterCode: 'A B' })).toBe(false);
    expect(lighterAttributes.parse({ matterCode: ' M-1 ' }).matterCode).toBe('M-1');
  });

  it('排除情形 is optional text of at most 2,000 characters; blank is none', () => {
    expect(lighterAttributes.parse({ ...base, exclusions: '  ' }).exclusions).toBeNull();
    expect(ok(mitigatedAttributes, { ...base, circumstance: 'COERCED', exclusions: 'x'.repeat(EXCLUSIONS_MAX) })).toBe(
      true,
    );
    expect(
      ok(mitigatedAttributes, { ...base, circumstance: 'COERCED', exclusions: 'x'.repeat(EXCLUSIONS_MAX + 1) }),
    ).toBe(false);
  });

  it('a LIGHTER band: whole non-negative fen, lower bound at most the upper (equal allowed)', () => {
    expect(lighterAttributes.parse({ ...base, fineMinFen: 0, fineMaxFen: 0 })).toMatchObject({
      fineMinFen: 0,
      fineMaxFen: 0,
    });
    expect(ok(lighterAttributes, { ...base, fineMinFen: 100_000, fineMaxFen: 100_000 })).toBe(true);
    expect(ok(lighterAttributes, { ...base, fineMinFen: 100_001, fineMaxFen: 100_000 })).toBe(false);
    expect(ok(lighterAttributes, { ...base, fineMinFen: -1 })).toBe(false);
    expect(ok(lighterAttributes, { ...base, fineMaxFen: 1.5 })).toBe(false);
    expect(lighterAttributes.parse({ ...base, fineMaxFen: 600_000n }).fineMaxFen).toBe(600_000);
    expect(lighterAttributes.parse(base)).toMatchObject({ fineMinFen: null, fineMaxFen: null, exclusions: null });
  });

  it('a MITIGATED item names one of 第32条’s five circumstances', () => {
    for (const c of MITIGATION_CIRCUMSTANCES) expect(ok(mitigatedAttributes, { ...base, circumstance: c })).toBe(true);
    expect(MITIGATION_CIRCUMSTANCES).toHaveLength(5);
    expect(ok(mitigatedAttributes, base)).toBe(false);
    expect(ok(mitigatedAttributes, { ...base, circumstance: 'REMORSE' })).toBe(false);
  });

  it('a NO_COMPULSORY item names the measure kind (查封/扣押/冻结) and the provision that would allow it', () => {
    const nc = { ...base, measureKind: 'SEAL_UP', measureProvision: '《食品安全法》第一百一十条' };
    expect(noCompulsoryAttributes.parse(nc)).toMatchObject({ measureKind: 'SEAL_UP', measureTarget: null });
    for (const k of ['SEIZURE', 'FREEZE']) expect(ok(noCompulsoryAttributes, { ...nc, measureKind: k })).toBe(true);
    expect(ok(noCompulsoryAttributes, { ...nc, measureKind: 'DETENTION' })).toBe(false);
    expect(ok(noCompulsoryAttributes, { ...nc, measureProvision: ' ' })).toBe(false);
    expect(ok(noCompulsoryAttributes, { ...nc, measureProvision: 'x'.repeat(MEASURE_PROVISION_MAX) })).toBe(true);
    expect(ok(noCompulsoryAttributes, { ...nc, measureProvision: 'x'.repeat(MEASURE_PROVISION_MAX + 1) })).toBe(false);
    expect(ok(noCompulsoryAttributes, { ...nc, measureTarget: 'x'.repeat(MEASURE_TARGET_MAX) })).toBe(true);
    expect(ok(noCompulsoryAttributes, { ...nc, measureTarget: 'x'.repeat(MEASURE_TARGET_MAX + 1) })).toBe(false);
  });
});

const COMMON = '序号,监管领域,裁量等级,违法行为,违法依据,处罚依据,适用情形';
const ROW =
  '1,市场监管,,未按规定公示营业执照,《市场主体登记管理条例》第三十六条,《市场主体登记管理条例》第四十八条第一款,主动改正的';

describe('CSV with Chinese headers', () => {
  const cases = [
    {
      name: '从轻',
      spec: { columns: lighterCsvColumns, attributes: lighterAttributes },
      csv: `${COMMON},执法事项编码,排除情形,罚款下限（元）,罚款上限（元）\r\n${ROW},M-1,拒不改正的,500,6000.50\r\n`,
      attributes: { matterCode: 'M-1', exclusions: '拒不改正的', fineMinFen: 50_000, fineMaxFen: 600_050 },
    },
    {
      name: '减轻',
      spec: { columns: mitigatedCsvColumns, attributes: mitigatedAttributes },
      csv: `${COMMON},执法事项编码,排除情形,减轻情形\r\n${ROW},M-1,,受他人胁迫或者诱骗\r\n`,
      attributes: { matterCode: 'M-1', exclusions: null, circumstance: 'COERCED' },
    },
    {
      name: '不予实施行政强制措施',
      spec: { columns: noCompulsoryCsvColumns, attributes: noCompulsoryAttributes },
      csv: `${COMMON},执法事项编码,排除情形,强制措施种类,强制措施对象,强制措施依据\r\n${ROW},M-1,,扣押,生产设备,《食品安全法》第一百一十条\r\n`,
      attributes: {
        matterCode: 'M-1',
        exclusions: null,
        measureKind: 'SEIZURE',
        measureTarget: '生产设备',
        measureProvision: '《食品安全法》第一百一十条',
      },
    },
  ];
  for (const c of cases)
    it(`${c.name}: reads the kind's columns, and importing the export gives the items back`, () => {
      const items = parseListCsv(c.csv, c.spec, { defaultDomain: '市场监管' });
      expect(items).toHaveLength(1);
      expect(items[0].attributes).toEqual(c.attributes);
      const again = parseListCsv(exportListCsv(items, c.spec), c.spec, { defaultDomain: '市场监管' });
      expect(again).toEqual(items);
    });

  it('refuses an unknown 减轻情形 or measure kind, and a missing 执法事项编码 column, naming line and column', () => {
    const bad = (csv: string, spec: Parameters<typeof parseListCsv>[1]) => {
      try {
        parseListCsv(csv, spec, { defaultDomain: '市场监管' });
      } catch (e) {
        if (e instanceof ValidationError) return e.issues.map((i) => `${i.path.join('.')} ${i.messageZh}`).join('\n');
        throw e;
      }
      throw new Error('expected a refusal');
    };
    expect(
      bad(`${COMMON},执法事项编码,减轻情形\r\n${ROW},M-1,深刻悔过\r\n`, {
        columns: mitigatedCsvColumns,
        attributes: mitigatedAttributes,
      }),
    ).toMatch(/减轻情形[\s\S]*第32条/);
    expect(
      bad(`${COMMON},执法事项编码,强制措施种类,强制措施依据\r\n${ROW},M-1,拘留,某法\r\n`, {
        columns: noCompulsoryCsvColumns,
        attributes: noCompulsoryAttributes,
      }),
    ).toMatch(/查封、扣押 或 冻结/);
    expect(
      bad(`${COMMON},减轻情形\r\n${ROW},受他人胁迫或者诱骗\r\n`, {
        columns: mitigatedCsvColumns,
        attributes: mitigatedAttributes,
      }),
    ).toMatch(/执法事项编码/);
  });
});

describe('items checked against the database', () => {
  it('an item names an existing matter; an unknown code is refused and writes nothing (all three kinds)', async () => {
    const matter = await createMatter(w.h.db.prisma);
    const attrs = {
      LighterPenalty: {},
      MitigatedPenalty: { circumstance: 'CONFESSED' },
      NoCompulsoryMeasure: { measureKind: 'FREEZE', measureProvision: '《税收征收管理法》第三十八条' },
    } as const;
    for (const prefix of ['LighterPenalty', 'MitigatedPenalty', 'NoCompulsoryMeasure'] as const) {
      const list = await createDraft(w, prefix);
      const added = await addItem(w, prefix, list, {
        ...attrs[prefix],
        matterCode: matter.code,
        exclusions: '再次违法的',
      });
      expect(added.__typename, prefix).toBe(`MutationAdd${prefix}ListItemSuccess`);
      expect(added.data).toMatchObject({ matterCode: matter.code, exclusions: '再次违法的' });
      const unknown = await addItem(w, prefix, list, { ...attrs[prefix], matterCode: 'NO-SUCH-MATTER' });
      expect(unknown.__typename).toBe('ValidationError');
      expect(unknown.issues[0]).toMatchObject({
        path: ['input', 'attributes', 'matterCode'],
        message: expect.stringContaining('NO-SUCH-MATTER'),
      });
      expect(await w.h.db.prisma.listItem.count({ where: { listId: idOf(list) } })).toBe(1);
    }
  });

  it('a LIGHTER band lies in the matter’s lawful range: its maximum is allowed, one fen above refused', async () => {
    const matter = await createMatter(w.h.db.prisma, { fineMinFen: 100_000n, fineMaxFen: 3_000_000n });
    const list = await createDraft(w, 'LighterPenalty');
    const add = (a: Record<string, unknown>) =>
      addItem(w, 'LighterPenalty', list, { matterCode: matter.code, ...a }, 'id fineMinFen fineMaxFen');
    expect((await add({ fineMinFen: 100_000, fineMaxFen: 3_000_000 })).data).toMatchObject({
      fineMinFen: 100_000,
      fineMaxFen: 3_000_000,
    });
    const above = await add({ fineMaxFen: 3_000_001 });
    expect(above.__typename).toBe('ValidationError');
    expect(above.issues[0]).toMatchObject({
      path: ['input', 'attributes', 'fineMaxFen'],
      message: expect.stringContaining('第32条'),
    });
    const below = await add({ fineMinFen: 99_999 });
    expect(below.issues[0]).toMatchObject({ path: ['input', 'attributes', 'fineMinFen'] });
    const inverted = await add({ fineMinFen: 200_000, fineMaxFen: 150_000 });
    expect(inverted).toMatchObject({ __typename: 'ValidationError' });
    expect(await w.h.db.prisma.listItem.count({ where: { listId: idOf(list) } })).toBe(1);
  });

  it('where the matter’s 裁量基准 has a 从轻 tier, the band lies in it: its top allowed, one fen above refused', async () => {
    const matter = await createMatter(w.h.db.prisma, {
      fineMaxFen: 3_000_000n,
      benchmark: [
        { tier: 'LIGHTER', fineMinFen: null, fineMaxFen: '600000', penaltyKinds: [], circumstances: '主动改正的' },
      ],
    });
    const list = await createDraft(w, 'LighterPenalty');
    const add = (a: Record<string, unknown>) => addItem(w, 'LighterPenalty', list, { matterCode: matter.code, ...a });
    expect((await add({ fineMaxFen: 600_000 })).__typename).toBe('MutationAddLighterPenaltyListItemSuccess');
    const above = await add({ fineMaxFen: 600_001 });
    expect(above.__typename).toBe('ValidationError');
    expect(above.issues[0].message).toContain('从轻档');
  });

  it('imports a CSV through GraphQL, all or nothing, and exports it back in the same shape', async () => {
    const matter = await createMatter(w.h.db.prisma);
    const list = await createDraft(w, 'MitigatedPenalty');
    const csv = (code: string) =>
      `${COMMON},执法事项编码,排除情形,减轻情形\r\n${ROW},${matter.code},,配合查处有立功表现\r\n${ROW.replace(/^1/, '2')},${code},,主动消除或者减轻违法行为危害后果\r\n`;
    const run = async (text: string) => {
      const res = await w.h.gql(
        `mutation($listId: ID!, $csvText: String!) { importMitigatedPenaltyListCsv(listId: $listId, csvText: $csvText) { __typename
          ... on MutationImportMitigatedPenaltyListCsvSuccess { data { csv items(first: 10) { edges { node { circumstance matterCode } } } } } ${ERR} } }`,
        { listId: list, csvText: text },
        w.tokens.officerA,
      );
      expect(res.errors).toBeUndefined();
      return res.data.importMitigatedPenaltyListCsv;
    };
    const refused = await run(csv('NO-SUCH-MATTER'));
    expect(refused.__typename).toBe('ValidationError');
    expect(refused.issues.map((i: GqlJson) => i.message).join()).toContain('NO-SUCH-MATTER');
    expect(await w.h.db.prisma.listItem.count({ where: { listId: idOf(list) } })).toBe(0);

    const done = await run(csv(matter.code));
    expect(done.data.items.edges.map((e: GqlJson) => e.node)).toEqual([
      { circumstance: 'MERITORIOUS', matterCode: matter.code },
      { circumstance: 'ELIMINATED_HARM', matterCode: matter.code },
    ]);
    expect(done.data.csv).toContain('减轻情形');
    expect(done.data.csv).toContain('配合查处有立功表现');
  });
});
