// The per-process viewer cache (packages/server/src/viewer-cache.ts): a known credential costs no
// SQL, and any change to who it identifies — through the API or straight in the database — is seen
// by the next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey, revokeApiKey } from '@zhifa/core';

import {
  countStatements,
  createBaseWorld,
  createHarness,
  gid,
  sleep,
  type BaseWorld,
  type Harness,
} from '@zhifa/testkit';

const VIEWER = `{ viewer { kind name roles isSupervisor } }`;
const UPDATE_PERSON = `mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { __typename } }`;
/** On PostgreSQL a change made outside the API reaches the cache within the lease (0.5 s); through the API, before the answer. */
const OUTSIDE_API_MS = process.env.ZHIFA_TEST_DATABASE_URL ? 700 : 0;

let h: Harness;
let w: BaseWorld;
beforeAll(async () => {
  h = await createHarness();
  w = await createBaseWorld(h);
});
afterAll(() => h?.close());

async function viewerAs(token: string) {
  const res = await h.gql(VIEWER, {}, token);
  expect(res.errors).toBeUndefined();
  return res.data.viewer;
}

describe('viewer cache', () => {
  it('a warm cache identifies a person, an enterprise user and an API key with no SQL at all', async () => {
    const k = newApiKey();
    await h.db.prisma.apiKey.create({
      data: { agencyId: w.agencyA.id, label: 'cache', prefix: k.prefix, hash: k.hash },
    });
    for (const auth of [w.tokens.supervisor, w.tokens.enterprise]) {
      await viewerAs(auth); // cold: reads the person (and agency) or the enterprise
      const warm = await countStatements(h, () => viewerAs(auth));
      expect(warm.statements).toEqual([]);
    }
    const apiKey = async () => {
      const res = await h.app.yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `ApiKey ${k.key}` },
        body: JSON.stringify({ query: `{ viewer { kind } }` }),
      });
      return res.json();
    };
    expect((await apiKey()).data.viewer.kind).toBe('surveyOrg');
    const warm = await countStatements(h, apiKey);
    expect(warm.result.data.viewer.kind).toBe('surveyOrg');
    expect(warm.count).toBe(0);
    // A wrong secret with a cached prefix is still refused (the hash is compared on every use).
    const wrong = await h.app.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `ApiKey ${k.key.slice(0, -2)}xx` },
      body: JSON.stringify({ query: `{ viewer { kind } }` }),
    });
    expect(wrong.status).toBe(401);
    // Revoked through the unit of work: refused on the next request.
    await revokeApiKey(h.db.prisma, k.prefix, { events: h.app.events });
    await sleep(OUTSIDE_API_MS);
    expect((await apiKey()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('revokes by a prefix that is all digits, not the key whose id those digits spell', async () => {
    const { prefix, hash } = newApiKey();
    const first = await h.db.prisma.apiKey.create({ data: { agencyId: w.agencyA.id, label: '先建的', prefix, hash } });
    const digits = String(first.id).padStart(12, '0');
    const other = await h.db.prisma.apiKey.create({
      data: { agencyId: w.agencyA.id, label: '数字前缀', prefix: digits, hash: newApiKey().hash },
    });
    expect(await revokeApiKey(h.db.prisma, digits)).toMatchObject({ id: other.id, already: false });
    expect((await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id: first.id } })).revokedAt).toBeNull();
    // The longest id (10 digits) is still read as an id; 11 digits are a prefix (none here).
    await expect(revokeApiKey(h.db.prisma, '2147483647')).rejects.toThrow();
    await expect(revokeApiKey(h.db.prisma, '21474836470')).rejects.toThrow();
    expect(await revokeApiKey(h.db.prisma, String(first.id))).toMatchObject({ id: first.id, already: false });
  });

  it('a role removed through the API is gone on the very next request', async () => {
    const sup = await h.db.prisma.person.create({
      data: { name: '监督员甲', agencyId: w.justice.id, roles: ['SUPERVISOR'] },
    });
    const token = h.token(`person:${sup.id}`);
    expect(await viewerAs(token)).toMatchObject({ isSupervisor: true });
    const res = await h.gql(
      UPDATE_PERSON,
      { id: gid('Person', sup.id), input: { name: sup.name, roles: ['AUXILIARY'], reason: '调离监督岗位' } },
      w.tokens.sysAdmin,
    );
    expect(res.data.updatePerson.__typename).toBe('MutationUpdatePersonSuccess');
    expect(await viewerAs(token)).toMatchObject({ roles: ['AUXILIARY'], isSupervisor: false });
  });

  it('a change made straight in the database (no event) is seen too: the triggers announce it', async () => {
    const sup = await h.db.prisma.person.create({
      data: { name: '监督员乙', agencyId: w.justice.id, roles: ['SUPERVISOR'] },
    });
    const token = h.token(`person:${sup.id}`);
    expect(await viewerAs(token)).toMatchObject({ isSupervisor: true });
    await h.db.prisma.person.update({ where: { id: sup.id }, data: { roles: ['AUXILIARY'] } });
    await sleep(OUTSIDE_API_MS);
    expect(await viewerAs(token)).toMatchObject({ isSupervisor: false });
    // An agency that stops being a justice bureau takes supervision from all its people.
    await h.db.prisma.person.update({ where: { id: sup.id }, data: { roles: ['SUPERVISOR'] } });
    await sleep(OUTSIDE_API_MS);
    expect(await viewerAs(token)).toMatchObject({ isSupervisor: true });
    await h.db.prisma.agency.update({ where: { id: w.justice.id }, data: { kind: 'ENFORCEMENT_AGENCY' } });
    await sleep(OUTSIDE_API_MS);
    expect(await viewerAs(token)).toMatchObject({ isSupervisor: false });
    await h.db.prisma.agency.update({ where: { id: w.justice.id }, data: { kind: 'JUSTICE_BUREAU' } });
    await sleep(OUTSIDE_API_MS);
    expect(await viewerAs(token)).toMatchObject({ isSupervisor: true });
    // A deleted person's token identifies nobody.
    await h.db.prisma.person.delete({ where: { id: sup.id } });
    await sleep(OUTSIDE_API_MS);
    expect((await h.gql(VIEWER, {}, token)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('an update that does not change who someone is keeps the cache warm', async () => {
    await viewerAs(w.tokens.officerA);
    await h.db.prisma.person.update({ where: { id: w.people.officerA.id }, data: { certificateReviewYear: 2020 } });
    await sleep(OUTSIDE_API_MS);
    const warm = await countStatements(h, () => viewerAs(w.tokens.officerA));
    expect(warm.count).toBe(0);
    await h.db.prisma.person.update({
      where: { id: w.people.officerA.id },
      data: { certificateReviewYear: new Date().getUTCFullYear() },
    });
  });
});
