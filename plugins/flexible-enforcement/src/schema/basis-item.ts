// FlexibleDecisionBasis.lighterItem / mitigatedItem: the 从轻 or 减轻 list item a decision cited, as its list kind's
// own item type. Selected with the basis (plugin-prisma's nested selection of the `item` relation), so a page of
// cases reads the items of all its citations, and their lists, in the same query as the citations. Two typed fields
// rather than one union: plugin-prisma carries a nested selection through an object type, not through a union (a
// union member's relations were read again item by item).
import type { ZhifaBuilder } from '@zhifa/core';
import type { ListKindRefs } from '@zhifa/core/lists';
import { LIGHTER_KIND, MITIGATED_KIND } from '../rules.js';

export function registerBasisItem(
  builder: ZhifaBuilder,
  lists: { lighter: ListKindRefs<object>; mitigated: ListKindRefs<object> },
): void {
  builder.prismaObjectFields('FlexibleDecisionBasis', (t) => ({
    lighterItem: t.field({
      type: lists.lighter.item,
      nullable: true,
      description: '所依据的从轻处罚清单事项（从轻决定时）The lighter-penalty item cited (a LIGHTER decision)',
      select: (_args, _ctx, nestedSelection) => ({ item: nestedSelection(true) }),
      resolve: (b) => (b.decision === LIGHTER_KIND ? b.item : null),
    }),
    mitigatedItem: t.field({
      type: lists.mitigated.item,
      nullable: true,
      description: '所依据的减轻处罚清单事项（减轻决定时）The mitigated-penalty item cited (a MITIGATED decision)',
      select: (_args, _ctx, nestedSelection) => ({ item: nestedSelection(true) }),
      resolve: (b) => (b.decision === MITIGATED_KIND ? b.item : null),
    }),
  }));
}
