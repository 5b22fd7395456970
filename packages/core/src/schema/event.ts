import { encodeGlobalID } from '@pothos/plugin-relay';
import type { ZhifaBuilder } from '../builder.js';
import { MAX_PAGE_SIZE } from '../builder.js';
import { encodeCursor, ORIGIN } from '../events/position.js';
import { readSettled, type StoredEvent } from '../events/store.js';
import { canSeeEvent } from '../events/visibility.js';
import { parseAfter, subscribeToTopics } from '../events/subscription.js';
import { isSupervisor } from '../auth/viewer.js';

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
      agencyId: t.id({ nullable: true, description: '相关单位 Agency global id', resolve: (e) => gid('Agency', e.agencyId) }),
      enterpriseId: t.id({ nullable: true, description: '相关企业 Enterprise global id', resolve: (e) => gid('Enterprise', e.enterpriseId) }),
      caseId: t.id({ nullable: true, description: '相关案件 Case global id', resolve: (e) => gid('EnforcementCase', e.caseId) }),
      payload: t.field({ type: 'JSON', description: '内容 Payload', resolve: (e) => e.payload }),
      actor: t.string({
        nullable: true,
        description: '操作人（公开事件对公众隐去）Actor; hidden from the public',
        resolve: (e, _a, ctx) => (ctx.viewer.kind === 'public' ? null : e.actor),
      }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  const EventPage = builder.objectRef<{ events: StoredEvent[]; endCursor: string | null; hasNextPage: boolean }>('EventPage').implement({
    description: '事件分页 A page of the event log, in delivery order',
    fields: (t) => ({
      events: t.field({ type: [EventRef], resolve: (p) => p.events }),
      endCursor: t.string({ nullable: true, resolve: (p) => p.endCursor }),
      hasNextPage: t.boolean({ resolve: (p) => p.hasNextPage }),
    }),
  });

  builder.queryField('events', (t) =>
    t.field({
      type: EventPage,
      description: '事件日志（审计）The event log, filtered by what the caller may see',
      authScopes: { authenticated: true },
      args: {
        topics: t.arg.stringList({ required: false }),
        after: t.arg.string({ required: false }),
        first: t.arg.int({ required: false, defaultValue: 50 }),
      },
      resolve: async (_r, args, ctx) => {
        const first = Math.max(1, Math.min(args.first ?? 50, MAX_PAGE_SIZE));
        let cursor = parseAfter(args.after) ?? ORIGIN;
        const out: StoredEvent[] = [];
        // Scan in bounded pages until the page is full; filtered-out rows still advance the cursor.
        for (let scanned = 0; out.length < first && scanned < 20; scanned++) {
          const rows = await readSettled(ctx.prisma, cursor, MAX_PAGE_SIZE, args.topics ?? undefined);
          for (const e of rows) {
            cursor = e;
            if (isSupervisor(ctx.viewer) || canSeeEvent(ctx.viewer, e)) out.push(e);
            if (out.length === first) break;
          }
          if (rows.length < MAX_PAGE_SIZE) return { events: out, endCursor: out.length ? encodeCursor(cursor) : args.after ?? null, hasNextPage: out.length === first };
        }
        return { events: out, endCursor: encodeCursor(cursor), hasNextPage: true };
      },
    }),
  );

  builder.subscriptionField('events', (t) =>
    t.field({
      type: EventRef,
      description: '实时事件：先补发 after 之后错过的，再实时推送 Live events: replays after the cursor, then streams',
      args: {
        topics: t.arg.stringList({ required: false }),
        after: t.arg.string({ required: false }),
      },
      subscribe: (_r, args, ctx) => subscribeToTopics(ctx, args.topics ?? [], args.after),
      resolve: (e) => e as StoredEvent,
    }),
  );
}

function gid(type: string, id: number | null): string | null {
  return id == null ? null : encodeGlobalID(type, id);
}
