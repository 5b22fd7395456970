// 双随机、一公开 (国办发〔2019〕5号 推广随机抽查规范事中事后监管; 国办发〔2024〕54号; county plan task 6): the
// sampling itself, pure and deterministic from a stored seed, so anyone can reproduce a published draw.
//
// The random stream is u_i = (top 53 bits of HMAC-SHA256(key = seed bytes, message = i as 8-byte big-endian) + ½)
// / 2^53, for i = 0, 1, 2, …: standard, keyed, counter-based, available in every language's standard library (and
// `openssl dgst -sha256 -mac HMAC -macopt hexkey:<seed>`), so a citizen or an auditor can recompute a draw from
// its published seed and pools without our code. u_i lies strictly inside (0, 1).
//
// Enterprises: weighted sampling without replacement (Efraimidis & Spirakis 2006): the enterprise at pool
// position i gets the key u_i^(1/w), compared as ln(u_i)/w (the same order, no underflow); the `count` largest keys
// are drawn, in descending key order (ties, which need equal doubles, by pool position). Officers: for each drawn
// enterprise in draw order, `officersPerEnterprise` distinct officers uniformly from the officer pool, the j-th
// pick being index ⌊u·m⌋ of the m officers not yet picked for that enterprise (pool order), with u taken from the
// stream after the enterprise keys (i = pool length, pool length + 1, …). The pools are ordered by id.
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { CreditRiskClass } from '@zhifa/core/prisma';
import type { DrawWeights } from './setting-values.js';

/** A pool larger than this is refused: narrow the filter (a county's market has ~40k entities; a draw's inputs are stored). */
export const MAX_DRAW_POOL = 50_000;
/** At most this many enterprises in one draw. */
export const MAX_DRAW_COUNT = 2_000;
/** Officers drawn per enterprise: two (行政处罚法 第42条: 执法人员不得少于两人). */
export const OFFICERS_PER_ENTERPRISE = 2;

export interface PoolEnterprise {
  id: number;
  creditRiskClass: CreditRiskClass;
}

export interface DrawInput {
  /** The seed, hex (32 bytes from node:crypto randomBytes when drawn). */
  seed: string;
  weights: DrawWeights;
  /** Ordered by id. */
  enterprises: readonly PoolEnterprise[];
  /** Officer ids, ordered. */
  officers: readonly number[];
  count: number;
  officersPerEnterprise: number;
}

export interface DrawnEnterprise {
  /** 1-based draw order. */
  position: number;
  enterpriseId: number;
  creditRiskClass: CreditRiskClass;
  officerIds: number[];
}

const TWO_53 = 2 ** 53;

/** u_i of the seed's stream: in (0, 1), from HMAC-SHA256(seed, i). */
export function streamValue(key: KeyObject, i: number): number {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(i));
  const mac = createHmac('sha256', key).update(counter).digest();
  // The top 53 bits: the first 32, then the top 21 of the next 32 (exact in a double, below 2^53).
  const bits = mac.readUInt32BE(0) * 2 ** 21 + (mac.readUInt32BE(4) >>> 11);
  return (bits + 0.5) / TWO_53;
}

/** The HMAC key of a hex seed (a key object made once: the draw computes one HMAC per pool entry). */
export function seedKey(seed: string): KeyObject {
  if (!/^(?:[0-9a-f]{2})+$/.test(seed)) throw new Error('the seed is hex');
  return createSecretKey(Buffer.from(seed, 'hex'));
}

/** The draw for its inputs; the caller checked them (drawRefusal). Same inputs, same result, on any machine. */
export function drawSample(input: DrawInput): DrawnEnterprise[] {
  const key = seedKey(input.seed);
  const keyed = input.enterprises.map((e, i) => ({
    e,
    i,
    k: Math.log(streamValue(key, i)) / input.weights[e.creditRiskClass],
  }));
  keyed.sort((a, b) => b.k - a.k || a.i - b.i);
  let next = input.enterprises.length;
  return keyed.slice(0, input.count).map(({ e }, n) => {
    const left = [...input.officers];
    const officerIds: number[] = [];
    for (let j = 0; j < input.officersPerEnterprise && left.length > 0; j++) {
      const pick = Math.floor(streamValue(key, next++) * left.length);
      officerIds.push(left.splice(pick, 1)[0]);
    }
    return { position: n + 1, enterpriseId: e.id, creditRiskClass: e.creditRiskClass, officerIds };
  });
}

export interface DrawRefusal {
  rule: string;
  message: { zh: string; en: string };
}

/**
 * What refuses a draw of `count` from a pool of `poolSize` enterprises with `officerCount` officers who may enforce:
 * a pool beyond MAX_DRAW_POOL, more enterprises asked than the pool holds, too few officers for two per visit.
 */
export function drawRefusal(count: number, poolSize: number, officerCount: number): DrawRefusal | null {
  if (poolSize > MAX_DRAW_POOL)
    return {
      rule: 'INSPECTION_DRAW_POOL_TOO_LARGE',
      message: {
        zh: `抽查对象名录库过大（${poolSize} 户，上限 ${MAX_DRAW_POOL} 户），请按镇区、行业或信用风险类别缩小范围（方案任务6：双随机、一公开）`,
        en: `the pool holds ${poolSize} enterprises, above the limit of ${MAX_DRAW_POOL}: narrow it by township, industry or credit class (county plan task 6)`,
      },
    };
  if (count > poolSize)
    return {
      rule: 'INSPECTION_DRAW_POOL_TOO_SMALL',
      message: {
        zh: `抽取户数（${count}）超过抽查对象名录库的户数（${poolSize}）（方案任务6：双随机、一公开）`,
        en: `${count} enterprises asked from a pool of ${poolSize} (county plan task 6)`,
      },
    };
  if (officerCount < OFFICERS_PER_ENTERPRISE)
    return {
      rule: 'INSPECTION_DRAW_OFFICERS',
      message: {
        zh: `可执法的执法人员不足 ${OFFICERS_PER_ENTERPRISE} 名（现有 ${officerCount} 名），无法为每户随机选派两名检查人员（行政处罚法第42条；方案任务6）`,
        en: `${officerCount} officers may enforce; each enterprise drawn needs ${OFFICERS_PER_ENTERPRISE} drawn at random (行政处罚法 art. 42; county plan task 6)`,
      },
    };
  return null;
}
