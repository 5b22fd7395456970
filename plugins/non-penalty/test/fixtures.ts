// Shared set-up for the non-penalty integration tests: two enforcement agencies with an officer and an
// admin each, the justice bureau's supervisor, and an enterprise user.
import type { ZhifaPlugin } from '@zhifa/core';
import { createHarness, type Harness } from '@zhifa/testkit';
import { nonPenaltyPlugin } from '../src/index.js';

export interface World {
  h: Harness;
  agencyA: { id: number; gid: string };
  agencyB: { id: number; gid: string };
  tokens: { officerA: string; adminA: string; officerB: string; adminB: string; supervisor: string; enterprise: string; auxiliaryA: string };
}

export const gid = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString('base64');

export async function createWorld(extraPlugins: ZhifaPlugin[] = []): Promise<World> {
  const h = await createHarness({ plugins: [nonPenaltyPlugin, ...extraPlugins] });
  const p = h.db.prisma;
  const county = await p.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
  const justice = await p.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU', parentId: county.id } });
  const a = await p.agency.create({ data: { name: '阜宁县市场监督管理局', kind: 'ENFORCEMENT_AGENCY', parentId: county.id, domains: ['市场监管'] } });
  const b = await p.agency.create({ data: { name: '盐城市阜宁生态环境局', kind: 'ENFORCEMENT_AGENCY', parentId: county.id, domains: ['生态环境'] } });
  const person = async (agencyId: number, name: string, roles: ('OFFICER' | 'AGENCY_ADMIN' | 'SUPERVISOR' | 'AUXILIARY')[]) =>
    h.token(`person:${(await p.person.create({ data: { agencyId, name, roles } })).id}`);
  const ent = await p.enterprise.create({
    data: {
      uscc: '91320923MA1N2X3Y4Q',
      name: '阜宁县某某食品有限公司',
      kind: 'COMPANY',
      legalRepresentative: '王某',
      address: '阜宁县阜城街道',
      industry: '食品',
      scale: 'SMALL',
      employees: 12,
      creditRiskClass: 'B',
    },
  });
  return {
    h,
    agencyA: { id: a.id, gid: gid('Agency', a.id) },
    agencyB: { id: b.id, gid: gid('Agency', b.id) },
    tokens: {
      officerA: await person(a.id, '张执法', ['OFFICER']),
      adminA: await person(a.id, '李局长', ['AGENCY_ADMIN']),
      auxiliaryA: await person(a.id, '赵辅助', ['AUXILIARY']),
      officerB: await person(b.id, '陈执法', ['OFFICER']),
      adminB: await person(b.id, '周局长', ['AGENCY_ADMIN']),
      supervisor: await person(justice.id, '孙监督', ['SUPERVISOR']),
      enterprise: h.token(`enterprise:${ent.id}`),
    },
  };
}

export const HEADER = '序号,监管领域,裁量等级,违法行为,违法依据,处罚依据,适用情形,适用类型,改正期限（天）,参考罚款（元）';

export function sampleCsv(rows = 3): string {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++)
    lines.push(
      `${i},市场监管,不予处罚,未按规定公示营业执照第${i}类,《市场主体登记管理条例》第三十六条,《市场主体登记管理条例》第四十八条第一款,"初次违法且危害后果轻微，并在责令改正期限内改正的",首违不罚,${i + 4},${i * 1000}.5`,
    );
  return lines.join('\r\n') + '\r\n';
}
