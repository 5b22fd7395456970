import { encodeGlobalID } from '@pothos/plugin-relay';
import type { ZhifaBuilder } from '../builder.js';
import { MAX_PAGE_SIZE } from '../builder.js';
import { encodeCursor, ORIGIN, type Position } from '../event-log/position.js';
import { readSettled, type StoredEvent } from '../event-log/store.js';
import { canSeeEvent } from '../event-log/visibility.js';
import { canSeeActorIds } from '../auth/rows.js';
import { parseAfter, subscribeToTopics } from '../events/subscription.js';
import { unlessEnded } from '../events/recheck.js';

export function registerEvents(builder: ZhifaBuilder): void {
  const EventRef = builder.objectRef<StoredEvent>('Event').implement({
    description: '事件（审计日志）An event: what changed, who did it, when. Also the audit trail',
    fields: (t) => ({
      id: t.id({ description: '事件序号 Event id', resolve: (e) => e.id.toString() }),
      cursor: t.string({
        description: '事件游标：断线重连时作为 after 传回 Cursor; pass it back as `after` to resume',
        resolve: (e) => encodeCursor(e),
      }),
      topic: t.exposeString('topic', { description: '主题 Topic, e.g. case.decided' }),
      agencyId: t.id({
        nullable: true,
        description: '相关单位 Agency global id',
        resolve: (e) => gid('Agency', e.agencyId),
      }),
      enterpriseId: t.id({
        nullable: true,
        description: '相关企业 Enterprise global id',
        resolve: (e) => gid('Enterprise', e.enterpriseId),
      }),
      caseId: t.id({
        nullable: true,
        description: '相关案件 Case global id',
        resolve: (e) => gid('EnforcementCase', e.caseId),
      }),
      payload: t.field({ type: 'JSON', description: '内容 Payload', resolve: (e) => e.payload }),
      actor: t.string({
        nullable: true,
        description:
          '操作人（内部账号，如 person:12；仅工作人员可见，公众、企业用户和第三方调查机构为空）Actor, an internal account id such as person:12: staff only; null for the public, enterprise users and the survey organisation',
        resolve: (e, _a, ctx) => (canSeeActorIds(ctx.viewer) ? e.actor : null),
      }),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: '发生时间 When it happened' }),
    }),
  });

  const EventPage = builder
    .objectRef<{ events: StoredEvent[]; endCursor: string | null; hasNextPage: boolean }>('EventPage')
    .implement({
      description: '事件分页 A page of the event log, in delivery order',
      fields: (t) => ({
        events: t.field({ type: [EventRef], description: '本页事件 Events on this page', resolve: (p) => p.events }),
        endCursor: t.string({
          nullable: true,
          description: '下一页从此游标开始（也可作订阅的 after）Pass as `after` for the next page or the subscription',
          resolve: (p) => p.endCursor,
        }),
        hasNextPage: t.boolean({
          description: '是否还有更多 Whether more events follow',
          resolve: (p) => p.hasNextPage,
        }),
      }),
    });

  builder.queryField('events', (t) =>
    t.field({
      type: EventPage,
      // Open to the public like the subscription: published events are public (向社会公布), and
      // each row is filtered by canSeeEvent, the same rule live delivery uses.
      description: '事件日志（审计），按调用者可见范围过滤 The event log, filtered by what the caller may see',
      args: {
        topics: t.arg.stringList({ required: false, description: '只看这些主题 Only these topics' }),
        after: t.arg.string({ required: false, description: '从该事件游标之后 After this event cursor' }),
        first: t.arg.int({ required: false, defaultValue: 50, description: '条数（最多 100）Page size (at most 100)' }),
      },
      resolve: async (_r, args, ctx) => {
        const first = Math.max(1, Math.min(args.first ?? 50, MAX_PAGE_SIZE));
        const start = parseAfter(args.after) ?? ORIGIN;
        let cursor: Position = start;
        const out: StoredEvent[] = [];
        // Scan in bounded pages until the page is full; rows the caller may not see still advance
        // the cursor, so a caller paging through other agencies' events is not stuck re-reading them.
        for (let scanned = 0; scanned < 20; scanned++) {
          const rows = await readSettled(ctx.prisma, cursor, MAX_PAGE_SIZE, args.topics ?? undefined);
          for (const [i, e] of rows.entries()) {
            cursor = e;
            if (!canSeeEvent(ctx.viewer, e)) continue;
            out.push(e);
            if (out.length === first) {
              const more =
                i < rows.length - 1 || (await readSettled(ctx.prisma, cursor, 1, args.topics ?? undefined)).length > 0;
              return page(out, cursor, more);
            }
          }
          if (rows.length < MAX_PAGE_SIZE) return page(out, cursor, false);
        }
        return page(out, cursor, true);
      },
    }),
  );

  builder.subscriptionField('events', (t) =>
    t.field({
      type: EventRef,
      description: '实时事件：先补发 after 之后错过的，再实时推送 Live events: replays after the cursor, then streams',
      args: {
        topics: t.arg.stringList({ required: false, description: '只看这些主题 Only these topics' }),
        after: t.arg.string({
          required: false,
          description: '从该事件游标之后开始（先补发）Replay after this event cursor first',
        }),
      },
      subscribe: (_r, args, ctx) =>
        subscribeToTopics(ctx, args.topics ?? [], args.after, undefined, { loadsRows: false }),
      resolve: (e) => unlessEnded(e),
    }),
  );
}

/** endCursor is where the scan stopped (null only when nothing was ever read): resuming from it is exact. */
function page(events: StoredEvent[], cursor: Position, hasNextPage: boolean) {
  return { events, endCursor: cursor === ORIGIN ? null : encodeCursor(cursor), hasNextPage };
}

function gid(type: string, id: number | null): string | null {
  return id == null ? null : encodeGlobalID(type, id);
}
