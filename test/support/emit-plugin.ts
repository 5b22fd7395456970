// A test-only plugin: one mutation that writes an event with chosen scope, optionally holding its
// transaction open, so delivery tests do not depend on any domain mutation's shape.
import { actorOf, appendEvent, mutate, type ZhifaPlugin } from '@zhifa/core';

export const emitPlugin: ZhifaPlugin = {
  name: 'test-emit',
  register(builder) {
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
          await mutate(ctx, async (tx) => {
            await appendEvent(tx, {
              topic: args.topic,
              agencyId: args.agencyId ?? null,
              public: args.public ?? false,
              payload: { n: args.n ?? null },
              actor: actorOf(ctx.viewer),
            });
            if (args.holdMs) await tx.$executeRaw`SELECT pg_sleep(${args.holdMs / 1000})`;
          });
          return true;
        },
      }),
    );
  },
};
