// Per-builder registry of the list kinds defined so far, and the types every kind shares. The shared
// types are made on first use, so a schema without any list plugin carries none of them.
import type { ZhifaBuilder } from '../builder.js';
import { ListKind, ListStatus } from '../generated/prisma/enums.js';
import { describedValues } from '../schema/enum-values.js';

export interface RegisteredKind {
  typePrefix: string;
  listType: string;
  itemType: string;
}

interface Registry {
  ListStatusEnum: any;
  ListKindEnum: any;
  kinds: Map<ListKind, RegisteredKind>;
}

const registries = new WeakMap<ZhifaBuilder, Registry>();

const STATUS_ZH: Record<ListStatus, string> = {
  DRAFT: '草稿（仅制定单位及监督人员可见）Draft: seen by the issuing agency and supervisors',
  PUBLISHED: '已公布（现行，公开）Published: in force, public',
  REPEALED: '已废止（含被新版本取代；仍公开可查）Repealed or superseded: still public as history',
};

const KIND_ZH: Record<ListKind, string> = {
  NON_PENALTY: '不予处罚清单 Non-penalty list',
  LIGHTER_PENALTY: '从轻处罚清单 Lighter-penalty list',
  MITIGATED_PENALTY: '减轻处罚清单 Mitigated-penalty list',
  NO_COMPULSORY_MEASURE: '不予实施行政强制措施清单 No-compulsory-measure list',
};

export function listRegistry(builder: ZhifaBuilder): Registry {
  let r = registries.get(builder);
  if (r) return r;
  const ListStatusEnum = builder.enumType(ListStatus, {
    name: 'ListStatus',
    description: '清单状态 List status: draft → published → repealed',
    values: describedValues(STATUS_ZH),
  });
  const ListKindEnum = builder.enumType(ListKind, {
    name: 'ListKind',
    description: '清单种类 List kind',
    values: describedValues(KIND_ZH),
  });
  // plugin-prisma needs a primary type per model before any variant; these are the kind-neutral views.
  builder.prismaObject('EnforcementList', {
    name: 'EnforcementList',
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
    description: '执法清单事项（任一种类，通用字段）An item of any kind of list, common fields',
    fields: (t) => ({
      seq: t.exposeInt('seq', { description: '序号' }),
      violation: t.exposeString('violation', { description: '违法行为 Violation' }),
      list: t.relation('list', { description: '所属清单版本 List version' }),
    }),
  });
  r = { ListStatusEnum, ListKindEnum, kinds: new Map() };
  registries.set(builder, r);
  return r;
}
