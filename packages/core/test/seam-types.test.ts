// What a plugin author gets at the seam, pinned by the type checker (`pnpm typecheck` compiles this
// file; the `@ts-expect-error` lines fail the build if the seam ever accepts what it should refuse).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  createSchema,
  defineSettings,
  defineTopic,
  defineTopicSubscription,
  parseId,
  PluginSettings,
  type DecideGuardContext,
  type DecisionFacts,
  type GuardContext,
  type PluginHooks,
  type TopicEvent,
  type UnitOfWork,
  type ZhifaBuilder,
  type ZhifaPlugin,
} from '@zhifa/core';
import { defineListKind, listTopics, type ListKindRefs } from '@zhifa/core/lists';
import type { Agency, EnforcementCase } from '@zhifa/core/prisma';
import {
  defineAuthorisationMatrix,
  expectation,
  queryRow,
  type AuthorisationMatrix,
  type MatrixWorld,
} from '@zhifa/testkit';

const pinged = defineTopic<{ agencyId: number; note: string }>('test.pinged');
const settings = defineSettings('ZHIFA_TEST_', { days: z.coerce.number().int().default(3) });

describe('the plugin seam keeps its types', () => {
  it('emit takes exactly the payload its topic declares', () => {
    expectTypeOf<UnitOfWork['emit']>().toBeFunction();
    const emit = async (uow: UnitOfWork) => {
      await uow.emit(pinged, { agencyId: 1, note: 'ok' }, { agencyId: 1 });
      // @ts-expect-error a payload missing a field is refused
      await uow.emit(pinged, { agencyId: 1 }, {});
      // @ts-expect-error a field of the wrong type is refused
      await uow.emit(pinged, { agencyId: '1', note: 'x' }, {});
    };
    expectTypeOf(emit).returns.resolves.toBeVoid();
  });

  it('settings come back with the type the plugin declared', () => {
    expectTypeOf(new PluginSettings().get(settings)).toEqualTypeOf<{ days: number }>();
  });

  it('a subscription sees its topic payload, its own arguments and yields its output type', () => {
    const register = (builder: ZhifaBuilder, hooks: PluginHooks) =>
      defineTopicSubscription(builder, {
        field: 'testPinged',
        description: 'test',
        topics: [pinged],
        type: hooks.core.Agency,
        args: (arg) => ({ note: arg.string({ required: false }) }),
        filter: (e, args) => {
          expectTypeOf(e).toEqualTypeOf<TopicEvent<{ agencyId: number; note: string }>>();
          expectTypeOf(args.note).toEqualTypeOf<string | null | undefined>();
          return e.payload.note === args.note;
        },
        resolve: (e, _args, ctx) => ctx.prisma.agency.findUnique({ where: { id: e.payload.agencyId } }),
      });
    expectTypeOf(register).returns.toBeVoid();
    const wrongOutput = (builder: ZhifaBuilder, hooks: PluginHooks) =>
      defineTopicSubscription(builder, {
        field: 'testWrong',
        description: 'test',
        topics: [pinged],
        type: hooks.core.Agency,
        // @ts-expect-error an Agency subscription cannot yield a case
        resolve: (): EnforcementCase | null => null,
      });
    expectTypeOf(wrongOutput).toBeFunction();
  });

  it('a list kind hands back its attributes with their own type', () => {
    const kind = (builder: ZhifaBuilder) =>
      defineListKind(builder, {
        kind: 'TEST',
        typePrefix: 'Test',
        nameZh: '测试清单',
        nameEn: 'test list',
        attributes: z.object({ days: z.number().int() }),
        attributesInput: builder.inputType('TestAttributesInput', {
          fields: (t) => ({ days: t.int({ required: true }) }),
        }),
        csvColumns: [],
        topics: listTopics('test'),
      });
    expectTypeOf(kind).returns.toEqualTypeOf<ListKindRefs<{ days: number }>>();
    expectTypeOf<ReturnType<ListKindRefs<{ days: number }>['attributesOf']>>().toEqualTypeOf<{ days: number }>();
  });

  it("guards receive the unit of work, the locked case and a decision's facts; ids parse to numbers", () => {
    expectTypeOf<GuardContext['uow']>().toEqualTypeOf<UnitOfWork>();
    expectTypeOf<GuardContext['case']>().toEqualTypeOf<EnforcementCase>();
    // A decision's guards also get what the decision was judged on, read once by core.
    expectTypeOf<DecideGuardContext['decision']>().toEqualTypeOf<DecisionFacts>();
    expectTypeOf<DecisionFacts['case']>().toEqualTypeOf<EnforcementCase>();
    expectTypeOf<DecisionFacts['agency']['id']>().toEqualTypeOf<number>();
    // The party's 重点企业 flag comes with the facts: the economic-impact guard does not read the enterprise again.
    expectTypeOf<NonNullable<DecisionFacts['enterprise']>['isKeyEnterprise']>().toEqualTypeOf<boolean>();
    expectTypeOf(parseId).returns.toEqualTypeOf<number>();
  });

  it('a plugin is typed by the contract; core node refs reach it', () => {
    const plugin: ZhifaPlugin = { name: 'test', settings, topics: [pinged], register: () => {} };
    expectTypeOf(createSchema({ plugins: [plugin] }).plugins).toEqualTypeOf<readonly ZhifaPlugin[]>();
    expectTypeOf<PluginHooks['core']['Agency']>().not.toBeAny();
    type AgencyShape = PluginHooks['core']['Agency'] extends { $inferType: infer T } ? T : never;
    expectTypeOf<AgencyShape>().not.toBeNever();
    expectTypeOf<AgencyShape>().toMatchTypeOf<Agency>();
  });

  it('an authorisation matrix (test kit) hands its rows the world and the fixtures it wrote, typed; it is not on the plugin; a malformed policy throws', () => {
    const matrix = defineAuthorisationMatrix(
      (world) => Promise.resolve({ listId: world.agency.id }),
      (world, fixtures) => {
        expectTypeOf(world).toEqualTypeOf<MatrixWorld>();
        expectTypeOf(fixtures).toEqualTypeOf<{ listId: string }>();
        return [queryRow('viewer', 'allow allow allow allow allow allow allow allow', '{ viewer { kind } }')];
      },
    );
    expectTypeOf(matrix).toEqualTypeOf<AuthorisationMatrix>();
    // A plugin's rows live with its tests (plugins/<name>/test/access-matrix.ts), not on the runtime plugin object.
    expectTypeOf<ZhifaPlugin>().not.toHaveProperty('authorisationMatrix');
    // @ts-expect-error the plugin contract has no authorisationMatrix
    const plugin: ZhifaPlugin = { name: 'test', register: () => {}, authorisationMatrix: matrix };
    expect(plugin.name).toBe('test');
    expect(() => expectation('allow DENY')).toThrow(/10 outcomes/);
    expect(() => expectation('allow allow allow allow allow allow allow maybe')).toThrow(/allow\/DENY\/none/);
  });
});
