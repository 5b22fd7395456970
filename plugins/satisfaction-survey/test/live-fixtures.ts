// The figures' live tests run on a real server (graphql-ws over a real port): the same world as fixtures.ts,
// built on the server's database, and batches "landing" as the submission part's will — answers added to the
// rollups and ONE batchSubmitted event (counts only, scoped to the organisation), in one unit of work.
import { CaseGuards, newApiKey, unitOfWork } from '@zhifa/core';
import {
  createBaseWorld,
  gid,
  startTestServer,
  testSettings,
  type Harness,
  type Row,
  type TestServer,
} from '@zhifa/testkit';
import { satisfactionSurveyPlugin } from '../src/index.js';
import { SURVEY_BATCH_SUBMITTED } from '../src/topics.js';
import { addToRollups, type RollupDelta } from '../src/rollups.js';
import type { CampaignFixture, World } from './fixtures.js';

export interface LiveWorld extends World {
  s: TestServer;
}

export async function createLiveWorld(): Promise<LiveWorld> {
  const s = await startTestServer({ plugins: [satisfactionSurveyPlugin] });
  const base = await createBaseWorld(s);
  const p = s.db.prisma;
  const row = (r: { id: number; name: string }): Row => ({ id: r.id, gid: gid('Agency', r.id), name: r.name });
  const township2 = row(
    await p.agency.create({ data: { name: '阜城街道', kind: 'SUBDISTRICT', parentId: base.county.id } }),
  );
  const org = row(await p.agency.create({ data: { name: '某某调查咨询有限公司', kind: 'SURVEY_ORGANISATION' } }));
  const otherOrg = row(await p.agency.create({ data: { name: '另一调查公司', kind: 'SURVEY_ORGANISATION' } }));
  const k = newApiKey();
  await p.apiKey.create({ data: { agencyId: org.id, label: 'test', prefix: k.prefix, hash: k.hash } });
  // createCampaign reads only the database from the harness; the server has the same database.
  const h = { db: s.db } as unknown as Harness;
  return { s, h, ...base, township2, org, orgKey: k.key, otherOrg, otherOrgKey: '' };
}

let batchNo = 0;

/** One batch landing: its answers in the rollups and its event, in one transaction; the bus is woken. */
export async function landBatch(w: LiveWorld, c: CampaignFixture, deltas: RollupDelta[]): Promise<void> {
  const batchId = ++batchNo;
  await unitOfWork(
    {
      prisma: w.s.db.prisma,
      viewer: { kind: 'system', name: 'test' },
      guards: new CaseGuards(),
      settings: testSettings(),
      clock: () => new Date(),
      events: w.s.app.events,
    },
    async (uow) => {
      await addToRollups(uow.tx, c.id, deltas);
      await uow.emit(
        SURVEY_BATCH_SUBMITTED,
        { campaignId: c.id, batchId, accepted: 1, duplicates: 0, flagged: 0, responseCount: batchId },
        { agencyId: w.org.id },
      );
    },
  );
}
