// The types every list kind shares (status and kind enums, kind-neutral views of a list and an
// item), registered once per builder by core when at least one plugin declares a list kind. The
// kinds and their labels come from the plugins (ZhifaPlugin.listKinds); core names none. The enums
// themselves are registered with every other core enum (schema/enums.ts registerListEnums) and
// handed in by schema/index.ts, so this folder does not reach up into the schema.
import type { EnumRef } from '@pothos/core';
import type { ZhifaBuilder, ZhifaSchemaTypes } from '../builder.js';
import type { ListIssuerLevel, ListStatus } from '../generated/prisma/enums.js';
import { listItemRule, listRule } from './access.js';

export interface ListKindLabel {
  /** Stored in EnforcementList.kind, e.g. 'NON_PENALTY'. */
  kind: string;
  zh: string;
  en: string;
}

export interface SharedListTypes {
  ListStatusEnum: EnumRef<ZhifaSchemaTypes, ListStatus, ListStatus>;
  ListKindEnum: EnumRef<ZhifaSchemaTypes, string, string>;
  /** Core's ListIssuerLevel enum (schema/enums.ts), registered once for every list kind. */
  ListIssuerLevelEnum: EnumRef<ZhifaSchemaTypes, ListIssuerLevel, ListIssuerLevel>;
  kinds: ReadonlyMap<string, ListKindLabel>;
}

const shared = new WeakMap<ZhifaBuilder, SharedListTypes>();

/** The list enums, registered in schema/enums.ts (registerCoreEnums, registerListEnums). */
export interface ListEnums {
  ListStatus: EnumRef<ZhifaSchemaTypes, ListStatus, ListStatus>;
  ListKind: EnumRef<ZhifaSchemaTypes, string, string>;
  ListIssuerLevel: EnumRef<ZhifaSchemaTypes, ListIssuerLevel, ListIssuerLevel>;
}

/** Called by schema/index.ts only when at least one plugin declares a list kind. */
export function registerListTypes(builder: ZhifaBuilder, labels: readonly ListKindLabel[], enums: ListEnums): void {
  const kinds = new Map<string, ListKindLabel>();
  for (const l of labels) {
    if (kinds.has(l.kind)) throw new Error(`list kind ${l.kind} is declared twice`);
    kinds.set(l.kind, l);
  }
  const { ListStatus: ListStatusEnum, ListKind: ListKindEnum, ListIssuerLevel: ListIssuerLevelEnum } = enums;
  // plugin-prisma needs a primary type per model before any variant; these are the kind-neutral views.
  builder.prismaObject('EnforcementList', {
    name: 'EnforcementList',
    rowRule: listRule,
    description: '执法清单（任一种类的某一版本，通用字段）An enforcement list version of any kind, common fields',
    fields: (t) => ({
      kind: t.expose('kind', { type: ListKindEnum, description: '种类 Kind' }),
      title: t.exposeString('title', { description: '标题 Title' }),
      domain: t.exposeString('domain', { description: '监管领域 Domain' }),
      version: t.exposeInt('version', { description: '版本号 Version' }),
      status: t.expose('status', { type: ListStatusEnum, description: '状态 Status' }),
    }),
  });
  builder.prismaObject('ListItem', {
    name: 'EnforcementListItem',
    rowRule: listItemRule,
    description: '执法清单事项（任一种类，通用字段）An item of any kind of list, common fields',
    fields: (t) => ({
      seq: t.exposeInt('seq', { description: '序号' }),
      violation: t.exposeString('violation', { description: '违法行为 Violation' }),
      list: t.relation('list', { description: '所属清单版本 List version' }),
    }),
  });
  shared.set(builder, { ListStatusEnum, ListKindEnum, ListIssuerLevelEnum, kinds });
}

/** The shared list types of this builder; refuses a kind that no plugin declared. */
export function sharedListTypes(builder: ZhifaBuilder, kind: string): SharedListTypes {
  const s = shared.get(builder);
  if (!s?.kinds.has(kind)) throw new Error(`list kind ${kind} is not declared in any plugin's listKinds`);
  return s;
}
