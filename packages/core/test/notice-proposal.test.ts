// A notice's `proposal` column is read back through the shape it is written with (cases/procedure.ts):
// what noticeProposal writes, readProposal reads; a hand-written bare list is accepted as no hearing
// offered; a value of neither shape fails loudly instead of being read as something it is not.
import { describe, expect, it } from 'vitest';
import { noticeProposal, readProposal } from '../src/cases/procedure.js';

const notice = (proposal: unknown) => ({ kind: 'NOTICE' as const, proposal: proposal as never });

describe('the notice proposal codec', () => {
  it('reads back what it writes, fen exact beyond 2^53', () => {
    const written = noticeProposal(
      [
        { kind: 'FINE', amountFen: 9_007_199_254_740_993n },
        { kind: 'WARNING', amountFen: null },
      ],
      true,
      1_000_000n,
    );
    expect(readProposal(notice(written))).toEqual({
      penalties: [
        { kind: 'FINE', amountFen: '9007199254740993' },
        { kind: 'WARNING', amountFen: null },
      ],
      hearingOffered: true,
      hearingThresholdFen: '1000000',
    });
  });

  it('reads a bare list of penalties as no hearing offered, and another step or no proposal as none', () => {
    expect(readProposal(notice([{ kind: 'FINE', amountFen: 20_000 }]))).toEqual({
      penalties: [{ kind: 'FINE', amountFen: '20000' }],
      hearingOffered: false,
      hearingThresholdFen: '0',
    });
    expect(readProposal(notice(null))).toBeNull();
    expect(readProposal({ kind: 'STATEMENT', proposal: null })).toBeNull();
  });

  it('refuses a stored value of neither shape', () => {
    expect(() => readProposal(notice({ penalties: [{ kind: 'FLOGGING', amountFen: null }] }))).toThrow();
    expect(() => readProposal(notice({ penalties: [], hearingOffered: 'yes', hearingThresholdFen: '0' }))).toThrow();
    expect(() => readProposal(notice([{ kind: 'FINE', amountFen: 1.5 }]))).toThrow();
  });
});
