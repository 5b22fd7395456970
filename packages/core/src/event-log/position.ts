// Events are delivered in (txid, id) order. Ids are allocated when a row is inserted, but
// transactions commit out of id order; ordering by the writing transaction first and only
// delivering rows whose transaction is older than every transaction still in flight gives
// one total order that never grows behind a reader's back (no late row can sort before it).

export interface Position {
  txid: bigint;
  id: bigint;
}

export const ORIGIN: Position = { txid: 0n, id: 0n };

export function comparePositions(a: Position, b: Position): number {
  if (a.txid !== b.txid) return a.txid < b.txid ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** Opaque cursor handed to clients: base64url of "txid.id". */
export function encodeCursor(p: Position): string {
  return Buffer.from(`${p.txid}.${p.id}`).toString('base64url');
}

const MAX_BIGINT = 2n ** 63n - 1n;

/** Null for anything that is not a cursor we could have issued (including values past bigint). */
export function decodeCursor(cursor: string): Position | null {
  const m = /^(\d{1,19})\.(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) return null;
  const p = { txid: BigInt(m[1]), id: BigInt(m[2]) };
  return p.txid <= MAX_BIGINT && p.id <= MAX_BIGINT ? p : null;
}
