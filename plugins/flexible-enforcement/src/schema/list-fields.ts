// What every flexible-enforcement list item shows beyond core's common fields: the matter it concerns
// (by code, and the matter itself, batched), its 排除情形 and the legal effect of its kind.
import type { Context, CoreRefs, ZhifaBuilder, ZhifaSchemaTypes } from '@zhifa/core';
import { textKind } from '@zhifa/core/input';
import type { ListKindRefs } from '@zhifa/core/lists';
import type { EnforcementMatter } from '@zhifa/core/prisma';
import { EXCLUSIONS_MAX, MATTER_CODE_MAX } from '../attributes.js';
import { KIND_LEGAL_EFFECT } from '../rules.js';
import type { InputFieldBuilder } from '@pothos/core';

/** The common attribute input fields (matter and exclusions). */
export function commonAttributeInputs(t: InputFieldBuilder<ZhifaSchemaTypes, 'InputObject'>) {
  return {
    matterCode: t.string({
      required: true,
      extensions: textKind('name'),
      description: `行政执法事项编码（须为已有事项，上限 ${MATTER_CODE_MAX} 字）The enforcement matter the item concerns, by code; it must exist`,
    }),
    exclusions: t.string({
      required: false,
      extensions: textKind('multiline'),
      description: `排除情形（上限 ${EXCLUSIONS_MAX} 字）Circumstances in which the item does not apply`,
    }),
  };
}

export function addCommonItemFields<A extends { matterCode: string; exclusions: string | null }>(
  builder: ZhifaBuilder,
  core: CoreRefs,
  refs: ListKindRefs<A>,
  kind: string,
): void {
  builder.prismaObjectFields(refs.item, (t) => ({
    matterCode: t.string({
      description: '行政执法事项编码 The enforcement matter it concerns, by code',
      resolve: (i) => refs.attributesOf(i).matterCode,
    }),
    matter: t.loadable({
      type: core.EnforcementMatter,
      nullable: true,
      description:
        '对应的行政执法事项（调用者可见的）The enforcement matter the item names, when the caller may see it',
      // One query for every item of a page, through the field's ruled context (published matters are
      // public, drafts staff's).
      load: async (codes: string[], ctx: Context) => {
        const rows = await ctx.prisma.enforcementMatter.findMany({ where: { code: { in: codes } } });
        const byCode = new Map<string, EnforcementMatter>(rows.map((m) => [m.code, m]));
        return codes.map((c) => byCode.get(c) ?? null);
      },
      resolve: (i) => refs.attributesOf(i).matterCode,
    }),
    exclusions: t.string({
      nullable: true,
      description: '排除情形 Circumstances in which the item does not apply',
      resolve: (i) => refs.attributesOf(i).exclusions,
    }),
    legalEffect: t.string({
      description: '法律效果及依据 Legal effect and basis',
      resolve: () => KIND_LEGAL_EFFECT[kind].zh,
    }),
  }));
}

/** Filter of the items connections by matter code. */
export const matterFilter = (matterCode: string | null | undefined) =>
  matterCode ? { attributes: { path: ['matterCode'], equals: matterCode.trim() } } : {};
