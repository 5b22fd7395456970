// A test-only plugin: one mutation that writes an event with chosen scope, optionally holding its
// transaction open, so delivery tests do not depend on any domain mutation's shape.
import { CORE_TOPICS, defineTopic, defineTopicSubscription, unitOfWork, type ZhifaPlugin } from '@zhifa/core';

export const emitPlugin: ZhifaPlugin = {
  name: 'test-emit',
  register(builder, { core }) {
    builder.mutationField('testEmitEvent', (t) =>
      t.boolean({
        description: '测试：写入一个事件 Test: write one event',
        authScopes: { authenticated: true },
        args: {
          topic: t.arg.string({ required: true }),
          agencyId: t.arg.int({ required: false }),
          public: t.arg.boolean({ required: false }),
          n: t.arg.int({ required: false, description: 'payload marker' }),
          holdMs: t.arg.int({ required: false, description: 'keep the transaction open this long after the insert' }),
        },
        resolve: async (_root, args, ctx) => {
          await unitOfWork(ctx, async (uow) => {
            // Any topic the test names: declared here, at run time, on purpose.
            await uow.emit(
              defineTopic<{ n: number | null }>(args.topic),
              { n: args.n ?? null },
              {
                agencyId: args.agencyId ?? null,
                public: args.public ?? false,
              },
            );
            if (args.holdMs) await uow.tx.$executeRaw`SELECT pg_sleep(${args.holdMs / 1000})`;
          });
          return true;
        },
      }),
    );
    // A batched, cached field, as plugins add for counts and aggregates: a subscription must not
    // answer the tenth event from the first event's cache.
    builder.prismaObjectField('Agency', 'testLoadedName', (t) =>
      t.loadable({
        type: 'String',
        description: '测试：经 dataloader 读取的名称 Test: the name through a dataloader',
        resolve: (agency) => agency.id,
        load: async (ids: number[], ctx) => {
          const rows = await ctx.prisma.agency.findMany({ where: { id: { in: ids } } });
          return ids.map((id) => rows.find((r) => r.id === id)?.name ?? '');
        },
      }),
    );
    // The shape a domain plugin uses: an event names a row, the subscription yields the row.
    defineTopicSubscription(builder, {
      field: 'testAgencyUpdated',
      description: '测试：单位变更 Test: an agency changed',
      topics: [CORE_TOPICS.agencyUpdated],
      type: core.Agency,
      args: (arg) => ({ agencyId: arg.int({ required: false }) }),
      filter: (e, args) => args.agencyId == null || e.agencyId === args.agencyId,
      resolve: (e, _args, ctx) => ctx.prisma.agency.findUnique({ where: { id: e.agencyId! } }),
    });
  },
};
