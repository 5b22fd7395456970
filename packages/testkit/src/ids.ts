// Relay global ids as the schema encodes them: base64 of `<Type>:<id>`.

/** The global id of row `id` of `type`, e.g. `gid('Agency', 3)`. */
export const gid = (type: string, id: number | string): string => Buffer.from(`${type}:${id}`).toString('base64');

/** The numeric row id inside a global id. */
export const idOf = (globalId: string): number => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);
