// The lifecycle mutations of a list kind: a draft's (draft-mutations.ts: draft, edit, items, CSV
// import) and its publication's (publication-mutations.ts: publish, repeal, new version), over the
// loading, access and event helpers of list-work.ts. Registered in this order, which is the order
// the printed schema lists them in.
import type { InputFieldMap } from '@pothos/core';
import type { ZhifaBuilder } from '../builder.js';
import { registerDraftMutations } from './draft-mutations.js';
import { registerListInputs } from './inputs.js';
import { listWork } from './list-work.js';
import { registerPublicationMutations } from './publication-mutations.js';
import type { ListItemNodeRef, ListKindSpec, ListNodeRef } from './spec.js';
import type { SharedListTypes } from './kinds.js';

export function registerListMutations<ItemArgs extends InputFieldMap>(
  builder: ZhifaBuilder,
  spec: ListKindSpec<object, ItemArgs>,
  refs: { list: ListNodeRef; item: ListItemNodeRef },
  shared: SharedListTypes,
): void {
  const inputs = registerListInputs(builder, spec, shared.ListIssuerLevelEnum);
  const work = listWork(spec);
  registerDraftMutations(builder, spec, refs, inputs, work);
  registerPublicationMutations(builder, spec, refs, work);
}
