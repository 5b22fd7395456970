import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONDITIONS,
  evaluateNonPenalty,
  creditCheckRefusal,
  normaliseProvision,
  sameKind,
  yearsBefore,
  type CaseSubject,
  type NonPenaltyItemRule,
  type PriorCase,
} from '../src/rules.js';
import { listAppliesToAgency } from '@zhifa/core/lists';

// Instants are written in Asia/Shanghai time: calendar days are Shanghai days.
const at = (s: string) => new Date(`${s}+08:00`);
const PROVISION = '《中华人民共和国市场主体登记管理条例》第三十六条';

const item = (over: Partial<NonPenaltyItemRule> = {}): NonPenaltyItemRule => ({
  itemKind: 'FIRST_OFFENCE',
  conditions: DEFAULT_CONDITIONS.FIRST_OFFENCE,
  correctionDeadlineDays: 7,
  violatedProvision: PROVISION,
  ...over,
});
const prior = (over: Partial<PriorCase> = {}): PriorCase => ({
  id: 1,
  number: '阜市监罚〔2024〕3号',
  violatedProvision: PROVISION,
  registeredAt: at('2024-03-01T10:00:00'),
  decision: 'PENALTY',
  ...over,
});
const NOW = at('2025-06-10T15:00:00');
const corrected = { correctionOrderedOn: at('2025-06-01T09:00:00'), correctedOn: at('2025-06-05T09:00:00') };
const cond = (r: ReturnType<typeof evaluateNonPenalty>, code: string) => r.conditions.find((c) => c.code === code)!;

describe('default conditions per kind', () => {
  it('minor, first offence and no fault carry their statutory conditions', () => {
    expect(DEFAULT_CONDITIONS.MINOR).toEqual(['MINOR_VIOLATION', 'CORRECTED_IN_TIME', 'NO_HARM']);
    expect(DEFAULT_CONDITIONS.FIRST_OFFENCE).toEqual(['FIRST_OFFENCE', 'MINOR_HARM', 'CORRECTED_IN_TIME']);
    expect(DEFAULT_CONDITIONS.NO_FAULT).toEqual(['NO_SUBJECTIVE_FAULT']);
  });
});

describe('minor violation 轻微违法', () => {
  const minor = item({ itemKind: 'MINOR', conditions: DEFAULT_CONDITIONS.MINOR });
  it('eligible when minor, harmless and corrected in time', () => {
    const r = evaluateNonPenalty(minor, { minorViolation: true, noHarm: true, ...corrected }, [], NOW);
    expect(r.eligible).toBe(true);
    expect(r.conditions.map((c) => [c.code, c.status])).toEqual([
      ['MINOR_VIOLATION', 'PASS'],
      ['CORRECTED_IN_TIME', 'PASS'],
      ['NO_HARM', 'PASS'],
    ]);
    for (const c of r.conditions) {
      expect(c.reasonZh).toMatch(/[\u4e00-\u9fff]/);
      expect(c.reasonEn).toMatch(/[a-z]/);
    }
  });
  it('not eligible when harm was caused, and says why', () => {
    const r = evaluateNonPenalty(minor, { minorViolation: true, noHarm: false, ...corrected }, [], NOW);
    expect(r.eligible).toBe(false);
    expect(cond(r, 'NO_HARM')).toMatchObject({ status: 'FAIL', passed: false });
    expect(cond(r, 'NO_HARM').reasonZh).toContain('已造成危害后果');
  });
  it('a fact the officer has not established fails', () => {
    const r = evaluateNonPenalty(minor, { noHarm: true, ...corrected }, [], NOW);
    expect(cond(r, 'MINOR_VIOLATION')).toMatchObject({ status: 'FAIL' });
    expect(cond(r, 'MINOR_VIOLATION').reasonZh).toContain('尚未认定');
  });
  it('prior cases do not matter for a minor item', () => {
    const r = evaluateNonPenalty(minor, { minorViolation: true, noHarm: true, ...corrected }, [prior()], NOW);
    expect(r.eligible).toBe(true);
  });
});

describe('first offence 首违不罚', () => {
  const facts = { minorHarm: true, ...corrected };
  it('eligible with no earlier case', () => {
    const r = evaluateNonPenalty(item(), facts, [], NOW);
    expect(r.eligible).toBe(true);
    expect(cond(r, 'FIRST_OFFENCE').reasonZh).toContain('2023-06-10');
  });
  it('an earlier decided case for the same violation within two years defeats it', () => {
    const r = evaluateNonPenalty(item(), facts, [prior()], NOW);
    expect(r.eligible).toBe(false);
    expect(cond(r, 'FIRST_OFFENCE')).toMatchObject({ status: 'FAIL', priorCaseIds: [1] });
    expect(cond(r, 'FIRST_OFFENCE').reasonZh).toContain('阜市监罚〔2024〕3号');
  });
  it('an earlier case for a different violation does not count', () => {
    const r = evaluateNonPenalty(item(), facts, [prior({ violatedProvision: '《食品安全法》第一百二十六条' })], NOW);
    expect(r.eligible).toBe(true);
  });
  it('provisions compare after normalisation (full-width, spaces)', () => {
    expect(normaliseProvision('《条例》 第三十六条')).toBe(normaliseProvision('《条例》第三十六条'));
    const r = evaluateNonPenalty(item(), facts, [prior({ violatedProvision: ` ${PROVISION} ` })], NOW);
    expect(r.eligible).toBe(false);
  });
  it('dropped and undecided earlier cases do not count', () => {
    const r = evaluateNonPenalty(
      item(),
      facts,
      [prior({ decision: 'DROPPED' }), prior({ id: 2, decision: null })],
      NOW,
    );
    expect(r.eligible).toBe(true);
  });
  it('an earlier no-penalty decision counts: first offence is granted once', () => {
    const r = evaluateNonPenalty(item(), facts, [prior({ decision: 'NO_PENALTY' })], NOW);
    expect(r.eligible).toBe(false);
  });
  it('a case registered after now (the current case itself, or later) does not count', () => {
    const r = evaluateNonPenalty(item(), facts, [prior({ registeredAt: at('2025-06-10T16:00:00') })], NOW);
    expect(r.eligible).toBe(true);
  });
  it('look-back boundary: exactly two years ago to the day counts, one day older does not', () => {
    const onBoundary = prior({ registeredAt: at('2023-06-10T00:00:00') });
    const dayBefore = prior({ registeredAt: at('2023-06-09T23:59:59') });
    expect(evaluateNonPenalty(item(), facts, [onBoundary], NOW).eligible).toBe(false);
    expect(evaluateNonPenalty(item(), facts, [dayBefore], NOW).eligible).toBe(true);
  });
  it('the boundary is a Shanghai calendar day, not a UTC one', () => {
    // 2023-06-09T17:00Z is 2023-06-10 01:00 in Shanghai: inside the window.
    const r = evaluateNonPenalty(item(), facts, [prior({ registeredAt: new Date('2023-06-09T17:00:00Z') })], NOW);
    expect(r.eligible).toBe(false);
  });
  it('the look-back is configurable', () => {
    const old = prior({ registeredAt: at('2024-01-01T10:00:00') });
    expect(evaluateNonPenalty(item(), facts, [old], NOW, 1).eligible).toBe(true);
    expect(evaluateNonPenalty(item(), facts, [old], NOW, 3).eligible).toBe(false);
    expect(evaluateNonPenalty(item(), facts, [], NOW, 1).lookbackFrom.toISOString().slice(0, 10)).toBe('2024-06-10');
  });
  it('29 February counts back to 28 February', () => {
    expect(
      yearsBefore(new Date(Date.UTC(2024, 1, 29)), 1)
        .toISOString()
        .slice(0, 10),
    ).toBe('2023-02-28');
    expect(
      yearsBefore(new Date(Date.UTC(2024, 1, 29)), 4)
        .toISOString()
        .slice(0, 10),
    ).toBe('2020-02-29');
  });
  it('no harm at all satisfies "minor harm"', () => {
    expect(evaluateNonPenalty(item(), { noHarm: true, ...corrected }, [], NOW).eligible).toBe(true);
    expect(evaluateNonPenalty(item(), { minorHarm: false, ...corrected }, [], NOW).eligible).toBe(false);
  });
});

describe('first offence anchored on the violation, same matter (同类)', () => {
  const facts = { minorHarm: true, ...corrected };
  const day = (s: string) => new Date(`${s}T00:00:00Z`);
  const subject = (over: Partial<CaseSubject> = {}): CaseSubject => ({
    matterId: 7,
    violatedProvision: PROVISION,
    violationOn: day('2025-03-01'),
    registeredAt: at('2025-05-20T10:00:00'),
    ...over,
  });
  const run = (priors: PriorCase[], s = subject(), years = 2) =>
    evaluateNonPenalty(item(), facts, priors, NOW, years, 'ENTERPRISE', s);

  it('the window ends on the day of the violation and starts N years before it', () => {
    const r = run([]);
    expect(r.lookbackFrom.toISOString().slice(0, 10)).toBe('2023-03-01');
    expect(r.lookbackUntil.toISOString().slice(0, 10)).toBe('2025-03-01');
    expect(cond(r, 'FIRST_OFFENCE').reasonZh).toContain('2023-03-01 至 2025-03-01');
  });
  it('boundary: a violation exactly two years before counts, one day earlier does not', () => {
    expect(run([prior({ matterId: 7, violationOn: day('2023-03-01') })]).eligible).toBe(false);
    expect(run([prior({ matterId: 7, violationOn: day('2023-02-28') })]).eligible).toBe(true);
  });
  it('anchored on the violation, not today: a prior older than two years before today still counts', () => {
    // 2023-04-01 is more than two years before NOW (2025-06-10) but within two years of the violation.
    expect(
      run([prior({ matterId: 7, violationOn: day('2023-04-01'), registeredAt: at('2023-04-05T10:00:00') })]).eligible,
    ).toBe(false);
  });
  it('a later violation does not make this one a repeat, even when decided earlier', () => {
    expect(
      run([prior({ matterId: 7, violationOn: day('2025-03-02'), registeredAt: at('2025-03-05T10:00:00') })]).eligible,
    ).toBe(true);
    expect(run([prior({ matterId: 7, violationOn: day('2025-03-01') })]).eligible).toBe(false);
  });
  it('an earlier case counts by its own violation day, or its registration day when unknown', () => {
    expect(run([prior({ matterId: 7, violationOn: null, registeredAt: at('2023-03-01T00:30:00') })]).eligible).toBe(
      false,
    );
    expect(run([prior({ matterId: 7, violationOn: null, registeredAt: at('2023-02-28T23:59:00') })]).eligible).toBe(
      true,
    );
  });
  it('only the same matter is 同类; another matter under the same provision is not', () => {
    expect(run([prior({ matterId: 8, violationOn: day('2024-01-01') })]).eligible).toBe(true);
    expect(run([prior({ matterId: 7, violationOn: day('2024-01-01'), violatedProvision: '另一条文' })]).eligible).toBe(
      false,
    );
    expect(sameKind({ matterId: 7, violatedProvision: 'a' }, { matterId: 8, violatedProvision: 'a' })).toBe(false);
  });
  it('a case opened before matters (no matter) compares 违法依据', () => {
    expect(run([prior({ matterId: null, violationOn: null, registeredAt: at('2024-01-01T10:00:00') })]).eligible).toBe(
      false,
    );
    expect(
      run([prior({ matterId: null, violatedProvision: '另一条文', registeredAt: at('2024-01-01T10:00:00') })]).eligible,
    ).toBe(true);
    // A subject without a matter compares provisions even against a prior with one.
    expect(run([prior({ matterId: 8, violationOn: day('2024-01-01') })], subject({ matterId: null })).eligible).toBe(
      false,
    );
  });
  it('without a violation day the window ends on the registration day (Asia/Shanghai)', () => {
    const r = run([], subject({ violationOn: null, registeredAt: new Date('2025-05-19T17:00:00Z') }));
    expect(r.lookbackUntil.toISOString().slice(0, 10)).toBe('2025-05-20');
    expect(r.lookbackFrom.toISOString().slice(0, 10)).toBe('2023-05-20');
  });
});

describe('correction deadline', () => {
  const minor = item({ itemKind: 'MINOR', conditions: ['CORRECTED_IN_TIME'], correctionDeadlineDays: 7 });
  const ordered = at('2025-06-01T16:00:00');
  const run = (correctedOn: Date | null, now = NOW) =>
    cond(evaluateNonPenalty(minor, { correctionOrderedOn: ordered, correctedOn }, [], now), 'CORRECTED_IN_TIME');

  it('corrected on the last day passes; the deadline is order day + days', () => {
    const r = evaluateNonPenalty(
      minor,
      { correctionOrderedOn: ordered, correctedOn: at('2025-06-08T23:59:00') },
      [],
      NOW,
    );
    expect(r.correctionDeadline!.toISOString().slice(0, 10)).toBe('2025-06-08');
    expect(cond(r, 'CORRECTED_IN_TIME').status).toBe('PASS');
  });
  it('corrected a day late fails: not eligible', () => {
    const c = run(at('2025-06-09T00:01:00'));
    expect(c.status).toBe('FAIL');
    expect(c.reasonZh).toContain('逾期改正');
  });
  it('not corrected and the deadline has passed fails', () => {
    const c = run(null, at('2025-06-09T08:00:00'));
    expect(c.status).toBe('FAIL');
    expect(c.reasonZh).toContain('逾期未改正');
  });
  it('not corrected yet but still within the deadline is pending, not eligible yet', () => {
    const r = evaluateNonPenalty(minor, { correctionOrderedOn: ordered }, [], at('2025-06-08T20:00:00'));
    expect(cond(r, 'CORRECTED_IN_TIME')).toMatchObject({ status: 'PENDING', passed: false });
    expect(r.eligible).toBe(false);
  });
  it('no correction order fails', () => {
    expect(cond(evaluateNonPenalty(minor, {}, [], NOW), 'CORRECTED_IN_TIME').reasonZh).toContain('尚未责令改正');
  });
  it('a zero-day deadline means corrected on the spot (same Shanghai day)', () => {
    const spot = item({ itemKind: 'MINOR', conditions: ['CORRECTED_IN_TIME'], correctionDeadlineDays: 0 });
    const ok = evaluateNonPenalty(
      spot,
      { correctionOrderedOn: at('2025-06-01T10:00:00'), correctedOn: at('2025-06-01T23:00:00') },
      [],
      NOW,
    );
    const late = evaluateNonPenalty(
      spot,
      { correctionOrderedOn: at('2025-06-01T10:00:00'), correctedOn: at('2025-06-02T00:30:00') },
      [],
      NOW,
    );
    expect(ok.eligible).toBe(true);
    expect(late.eligible).toBe(false);
  });
  it('corrected before the order (on discovery) passes', () => {
    expect(run(at('2025-05-31T10:00:00')).status).toBe('PASS');
  });
});

describe('no subjective fault 无主观过错', () => {
  const noFault = item({ itemKind: 'NO_FAULT', conditions: DEFAULT_CONDITIONS.NO_FAULT, correctionDeadlineDays: 0 });
  it('eligible on proof of no fault, regardless of earlier cases and correction', () => {
    const r = evaluateNonPenalty(noFault, { noSubjectiveFault: true }, [prior()], NOW);
    expect(r.eligible).toBe(true);
    expect(r.conditions).toHaveLength(1);
  });
  it('not eligible without the proof', () => {
    expect(evaluateNonPenalty(noFault, { noSubjectiveFault: false }, [], NOW).eligible).toBe(false);
    expect(evaluateNonPenalty(noFault, {}, [], NOW).eligible).toBe(false);
  });
});

describe('item conditions', () => {
  it('an item with no conditions is never eligible', () => {
    expect(evaluateNonPenalty(item({ conditions: [] }), {}, [], NOW).eligible).toBe(false);
  });
  it('duplicate conditions are evaluated once', () => {
    const r = evaluateNonPenalty(item({ conditions: ['MINOR_HARM', 'MINOR_HARM'] }), { minorHarm: true }, [], NOW);
    expect(r.conditions).toHaveLength(1);
  });
});

describe('which lists bind an agency (core lists/scope.ts)', () => {
  const agency = { id: 5, domains: ['市场监管'], ancestorIds: [2, 1] };
  const list = (over: Partial<Parameters<typeof listAppliesToAgency>[0]> = {}) => ({
    agencyId: 9,
    domain: '市场监管',
    issuerLevel: 'COUNTY' as const,
    ...over,
  });
  it('its own list, whatever the level or domain', () => {
    expect(listAppliesToAgency(list({ agencyId: 5, domain: '生态环境' }), agency)).toBe(true);
  });
  it('a list above the county binds every agency of its domain, and no other', () => {
    for (const issuerLevel of ['NATIONAL', 'PROVINCIAL', 'MUNICIPAL'] as const) {
      expect(listAppliesToAgency(list({ issuerLevel }), agency)).toBe(true);
      expect(listAppliesToAgency(list({ issuerLevel, domain: '生态环境' }), agency)).toBe(false);
    }
  });
  it('a county list binds the agencies below its issuer in its domain, not a sibling’s', () => {
    expect(listAppliesToAgency(list({ agencyId: 1 }), agency)).toBe(true);
    expect(listAppliesToAgency(list({ agencyId: 1, domain: '生态环境' }), agency)).toBe(false);
    expect(listAppliesToAgency(list({ agencyId: 9 }), agency)).toBe(false);
  });
});

describe('国家企业信用信息公示系统 check (creditCheckRefusal)', () => {
  const day = (s: string) => new Date(`${s}T00:00:00Z`);
  const violation = day('2025-03-01');
  it('an enterprise first offence needs a check dated on or after the violation day', () => {
    expect(creditCheckRefusal('FIRST_OFFENCE', 'ENTERPRISE', null, violation)?.zh).toContain(
      '国家企业信用信息公示系统',
    );
    expect(
      creditCheckRefusal('FIRST_OFFENCE', 'ENTERPRISE', { checked: false, checkedOn: null }, violation),
    ).not.toBeNull();
    expect(
      creditCheckRefusal('FIRST_OFFENCE', 'ENTERPRISE', { checked: true, checkedOn: day('2025-02-28') }, violation)?.en,
    ).toContain('before the violation');
    expect(
      creditCheckRefusal('FIRST_OFFENCE', 'ENTERPRISE', { checked: true, checkedOn: day('2025-03-01') }, violation),
    ).toBeNull();
  });
  it('other kinds and unnamed natural persons need none', () => {
    expect(creditCheckRefusal('MINOR', 'ENTERPRISE', null, violation)).toBeNull();
    expect(creditCheckRefusal('NO_FAULT', 'ENTERPRISE', null, violation)).toBeNull();
    expect(creditCheckRefusal('FIRST_OFFENCE', 'NATURAL_PERSON', null, violation)).toBeNull();
  });
});
