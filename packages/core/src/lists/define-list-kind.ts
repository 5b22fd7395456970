// One call gives a list kind its whole GraphQL surface: `<Prefix>List` and `<Prefix>ListItem` nodes,
// queries, `Agency.<prefix>Lists`, and the mutations of the draft → published → repealed lifecycle
// with CSV import/export. The kind supplies only what differs: names, the item attributes (zod
// schema + GraphQL input), the extra CSV columns and its event topics. It adds its attribute output
// fields itself on the returned item ref (`builder.prismaObjectFields(refs.item, …)`), reading them
// with `refs.attributesOf(item)`.
import type { InputFieldMap } from '@pothos/core';
import type { ZhifaBuilder } from '../builder.js';
import type { ListItem } from '../generated/prisma/client.js';
import { sharedListTypes } from './kinds.js';
import { registerListNodes } from './nodes.js';
import { registerListQueries } from './queries.js';
import { registerListMutations } from './mutations.js';
import type { ListKindRefs, ListKindSpec } from './spec.js';

export function defineListKind<Attrs extends object, ItemArgs extends InputFieldMap = Record<never, never>>(
  builder: ZhifaBuilder,
  spec: ListKindSpec<Attrs, ItemArgs>,
): ListKindRefs<Attrs> {
  const shared = sharedListTypes(builder, spec.kind);
  const refs = registerListNodes(builder, spec, shared);
  registerListQueries(builder, spec, shared, refs);
  registerListMutations(builder, spec, refs, shared);

  // Stored attributes were validated by spec.attributes when written; parse once per row object.
  const parsed = new WeakMap<object, Attrs>();
  const attributesOf = (item: Pick<ListItem, 'attributes'>): Attrs => {
    let a = parsed.get(item);
    if (!a) {
      a = spec.attributes.parse(item.attributes);
      parsed.set(item, a);
    }
    return a;
  };
  return { list: refs.list, item: refs.item, topics: spec.topics, attributesOf };
}
