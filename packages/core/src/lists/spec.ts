// What a plugin hands defineListKind, and what it gets back. Types stay intact across the seam:
// the refs are the real Pothos refs, the attributes keep the plugin's own type.
import type { InputFieldMap, InputObjectRef, InputShapeFromFields, ArgBuilder } from '@pothos/core';
import type { PrismaNodeRef } from '@pothos/plugin-prisma';
import type { z } from 'zod';
import type { ZhifaSchemaTypes } from '../builder.js';
import type { EnforcementList, ListItem, Prisma } from '../generated/prisma/client.js';
import type PrismaTypes from '../generated/pothos-types.js';
import type { Topic } from '../event-log/topic.js';
import type { ListCsvColumn } from './csv.js';
import type { Db } from '../db.js';
import type { Bilingual } from '../errors.js';

/** A problem with one item's attributes that only the database can tell (e.g. a referenced row is missing). */
export interface ItemAttributeIssue {
  /** Index of the item in the batch checked. */
  index: number;
  /** The attribute at fault (its CSV column names it in an import). */
  field: string;
  message: Bilingual;
}

export interface ListKindSpec<Attrs extends object, ItemArgs extends InputFieldMap = Record<never, never>> {
  /** Stored kind; must be declared in the plugin's `listKinds`. */
  kind: string;
  /** GraphQL type prefix, e.g. 'NonPenalty' → NonPenaltyList, nonPenaltyLists, publishNonPenaltyList. */
  typePrefix: string;
  nameZh: string;
  nameEn: string;
  /** Validates and normalises item attributes (GraphQL input and CSV alike); defaults are filled here. */
  attributes: z.ZodType<Attrs>;
  /** GraphQL input for the attributes; its value is handed to `attributes` as is. */
  attributesInput: InputObjectRef<ZhifaSchemaTypes, unknown>;
  /** Kind-specific CSV columns, after the seven common ones. */
  csvColumns: readonly ListCsvColumn[];
  /** The kind's event topics, declared by the plugin with listTopics(prefix). */
  topics: ListTopics;
  /**
   * Checks of item attributes that need the database, run before items are written (add, update,
   * CSV import; all or nothing). Returns every problem; none means the items may be written.
   */
  // Method syntax: the machinery calls it with the parsed attributes (CSV rows parse through `attributes` too).
  checkItems?(db: Db, items: readonly Attrs[]): Promise<ItemAttributeIssue[]>;
  /** Extra filters on the items connections, e.g. by item kind. */
  itemFilters?: {
    args: (arg: ArgBuilder<ZhifaSchemaTypes>) => ItemArgs;
    where: (args: Partial<InputShapeFromFields<ItemArgs>>) => Prisma.ListItemWhereInput;
  };
}

export type ListNodeRef = PrismaNodeRef<ZhifaSchemaTypes, PrismaTypes['EnforcementList'], EnforcementList>;
export type ListItemNodeRef = PrismaNodeRef<ZhifaSchemaTypes, PrismaTypes['ListItem'], ListItem>;

export interface ListKindRefs<Attrs extends object> {
  list: ListNodeRef;
  item: ListItemNodeRef;
  topics: ListTopics;
  /** An item's attributes with the plugin's type (validated when written; parsed once per row object). */
  attributesOf(item: Pick<ListItem, 'attributes'>): Attrs;
}

/** What every list event says about the list version it concerns. */
export type ListEventPayload = {
  listId: number;
  seriesId: number;
  version: number;
  domain: string;
  kind: string;
  supersededBy?: number;
  supersedes?: number | null;
  reason?: string;
  itemId?: number;
  seq?: number;
  items?: number;
  from?: number;
};

export interface ListTopics {
  created: Topic<ListEventPayload>;
  updated: Topic<ListEventPayload>;
  itemAdded: Topic<ListEventPayload>;
  itemUpdated: Topic<ListEventPayload>;
  itemRemoved: Topic<ListEventPayload>;
  imported: Topic<ListEventPayload>;
  /** Public: the list is 向社会公布. */
  published: Topic<ListEventPayload>;
  /** Public: repealed, or superseded by the next version. */
  repealed: Topic<ListEventPayload>;
  versionCreated: Topic<ListEventPayload>;
}
