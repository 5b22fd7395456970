import { describe, expect, it } from 'vitest';
import { arrayLiteral } from '../../packages/server/src/pglite-arrays.js';
import { createHarness } from '@zhifa/testkit';

describe('array parameters on PGlite', () => {
  it('writes PostgreSQL array literals, quoting and escaping every element', () => {
    expect(arrayLiteral(['OFFICER', 'AGENCY_ADMIN'])).toBe('{"OFFICER","AGENCY_ADMIN"}');
    expect(arrayLiteral(['a"b', 'c\\d', null, '市场监管'])).toBe('{"a\\"b","c\\\\d",NULL,"市场监管"}');
    expect(arrayLiteral([[1, 2], [3]])).toBe('{{"1","2"},{"3"}}');
  });

  it('Prisma filters on enum and text arrays work on both databases', async () => {
    const h = await createHarness();
    try {
      const a = await h.db.prisma.agency.create({
        data: { name: '某"局', kind: 'TOWNSHIP', domains: ['市场监管', 'a"b,c'] },
      });
      await h.db.prisma.person.create({ data: { name: '甲', agencyId: a.id, roles: ['OFFICER', 'AGENCY_ADMIN'] } });
      await h.db.prisma.person.create({ data: { name: '乙', agencyId: a.id, roles: ['AUXILIARY'] } });
      expect(await h.db.prisma.person.count({ where: { roles: { has: 'OFFICER' } } })).toBe(1);
      expect(await h.db.prisma.person.count({ where: { roles: { hasSome: ['AUXILIARY', 'AGENCY_ADMIN'] } } })).toBe(2);
      expect(await h.db.prisma.agency.count({ where: { domains: { has: 'a"b,c' } } })).toBe(1);
      expect((await h.db.prisma.agency.findUniqueOrThrow({ where: { id: a.id } })).domains).toEqual([
        '市场监管',
        'a"b,c',
      ]);
    } finally {
      await h.close();
    }
  });
});
