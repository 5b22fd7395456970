// flexibleListPublished: a 从轻 / 减轻 / 不予实施行政强制措施 list version was published (向社会公布: public, no token).
// Core's list machinery emits `<kind prefix>.published` as a public event; replay with `after`, delivery in order
// and authorisation come from defineTopicSubscription. Filtered by kind and domain.
import { defineTopicSubscription, describedValues, type ZhifaBuilder } from '@zhifa/core';
import { encodeCursor } from '@zhifa/core/events';
import type { ListKindRefs } from '@zhifa/core/lists';
import { LIGHTER_KIND, MITIGATED_KIND, NO_COMPULSORY_KIND, type Bilingual } from '../rules.js';
import { LIGHTER_LIST_TOPICS, MITIGATED_LIST_TOPICS, NO_COMPULSORY_LIST_TOPICS } from '../topics.js';

type FlexibleListKind = typeof LIGHTER_KIND | typeof MITIGATED_KIND | typeof NO_COMPULSORY_KIND;

const KIND_LABEL: Record<FlexibleListKind, Bilingual> = {
  [LIGHTER_KIND]: { zh: '从轻处罚清单', en: 'Lighter-penalty list' },
  [MITIGATED_KIND]: { zh: '减轻处罚清单', en: 'Mitigated-penalty list' },
  [NO_COMPULSORY_KIND]: { zh: '不予实施行政强制措施清单', en: 'No-compulsory-measure list' },
};

interface Publication {
  cursor: string;
  kind: FlexibleListKind;
  domain: string;
  version: number;
  listId: number;
  publishedAt: Date;
}

const TYPE_OF: Record<FlexibleListKind, string> = {
  [LIGHTER_KIND]: 'LighterPenaltyList',
  [MITIGATED_KIND]: 'MitigatedPenaltyList',
  [NO_COMPULSORY_KIND]: 'NoCompulsoryMeasureList',
};

export function registerFlexibleListPublished(
  builder: ZhifaBuilder,
  lists: { lighter: ListKindRefs<object>; mitigated: ListKindRefs<object>; noCompulsory: ListKindRefs<object> },
): void {
  const KindEnum = builder.enumType('FlexibleListKind', {
    description: '柔性执法清单种类 A flexible-enforcement list kind',
    values: describedValues(KIND_LABEL),
  });
  const FlexibleList = builder.unionType('FlexibleList', {
    description:
      '从轻、减轻处罚或不予实施行政强制措施清单 A lighter-penalty, mitigated-penalty or no-compulsory-measure list',
    types: [lists.lighter.list, lists.mitigated.list, lists.noCompulsory.list],
    resolveType: (l) => TYPE_OF[l.kind as FlexibleListKind],
  });

  const PublicationRef = builder.objectRef<Publication>('FlexibleListPublication').implement({
    description: '柔性执法清单的一次公布（公开）A flexible-enforcement list version published (public)',
    fields: (t) => ({
      cursor: t.exposeString('cursor', { description: '事件游标（续传用 after）Event cursor, for `after`' }),
      kind: t.expose('kind', { type: KindEnum, description: '清单种类 List kind' }),
      domain: t.exposeString('domain', { description: '监管领域 Domain' }),
      version: t.exposeInt('version', { description: '版本号 Version' }),
      publishedAt: t.expose('publishedAt', { type: 'DateTime', description: '公布时间 When' }),
      list: t.field({
        type: FlexibleList,
        nullable: true,
        description: '所公布的清单版本 The list version published',
        resolve: (p, _args, ctx) => ctx.prisma.enforcementList.findUnique({ where: { id: p.listId } }),
      }),
    }),
  });

  defineTopicSubscription(builder, {
    field: 'flexibleListPublished',
    description:
      '从轻、减轻处罚或不予实施行政强制措施清单公布（公开；可按种类、领域筛选，after 续传）A lighter / mitigated / no-compulsory-measure list version was published (public; by kind and domain, replay with `after`)',
    topics: [LIGHTER_LIST_TOPICS.published, MITIGATED_LIST_TOPICS.published, NO_COMPULSORY_LIST_TOPICS.published],
    type: PublicationRef,
    args: (arg) => ({
      kind: arg({ type: KindEnum, required: false, description: '清单种类 Only this kind' }),
      domain: arg.string({ required: false, description: '监管领域 Only this domain' }),
    }),
    filter: (e, args) =>
      (!args.kind || e.payload.kind === args.kind) && (!args.domain || e.payload.domain === args.domain),
    resolve: (e) => ({
      cursor: encodeCursor({ txid: e.txid, id: e.id }),
      kind: e.payload.kind as FlexibleListKind,
      domain: e.payload.domain,
      version: e.payload.version,
      listId: e.payload.listId,
      publishedAt: e.createdAt,
    }),
  });
}
