// A list's publication: publish a draft (the version in force is superseded), repeal a published
// list, start a new draft version from a published one. Publishing and repealing are for an admin of
// the issuing agency ('issue'); a new version is for its officers ('edit').
import type { InputFieldMap } from '@pothos/core';
import type { ZhifaBuilder } from '../builder.js';
import { domainErrors } from '../errors.js';
import { textKind } from '../input/text.js';
import { reasonText } from './inputs.js';
import type { ListWork } from './list-work.js';
import { toItemData } from './nodes.js';
import {
  assertRepealable,
  changedMeanwhile,
  planNewVersion,
  planPublish,
  shanghaiToday,
  supersededNote,
} from './rules.js';
import type { ListKindSpec, ListNodeRef } from './spec.js';

export function registerPublicationMutations<ItemArgs extends InputFieldMap>(
  builder: ZhifaBuilder,
  spec: ListKindSpec<object, ItemArgs>,
  refs: { list: ListNodeRef },
  work: ListWork,
): void {
  const P = spec.typePrefix;
  const { onList, emit } = work;

  builder.mutationField(`publish${P}List`, (t) =>
    t.prismaField({
      type: refs.list,
      description: `公布草稿（制定单位管理员）；同一清单的现行版本随之废止 Publish a draft (agency admin); the version in force is superseded`,
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => work.onListScope(ctx, args.id, 'issue'),
      args: { id: t.arg.globalID({ required: true }) },
      resolve: (query, _root, { id }, ctx) =>
        onList(ctx, id, 'issue', async (uow, list) => {
          const { tx, now } = uow;
          const plan = planPublish(list, await tx.listItem.count({ where: { listId: list.id } }), shanghaiToday(now));
          const previous = await tx.enforcementList.findFirst({
            where: { seriesId: list.seriesId, status: 'PUBLISHED' },
          });
          // Conditional update: of two concurrent publishes, the second finds no draft left.
          const done = await tx.enforcementList.updateMany({
            where: { id: list.id, status: 'DRAFT' },
            data: { status: 'PUBLISHED', publishedAt: now, validFrom: plan.validFrom },
          });
          if (done.count !== 1) throw changedMeanwhile('DRAFT');
          if (previous) {
            const note = supersededNote(list.version);
            const repealed = await tx.enforcementList.update({
              where: { id: previous.id },
              data: {
                status: 'REPEALED',
                repealedAt: now,
                supersededAt: now,
                repealReason: `${note.zh}（${note.en}）`,
              },
            });
            await emit(uow, spec.topics.repealed, repealed, { supersededBy: list.id });
          }
          await emit(uow, spec.topics.published, list, { supersedes: previous?.id ?? null });
          return tx.enforcementList.findUniqueOrThrow({ ...query, where: { id: list.id } });
        }),
    }),
  );

  builder.mutationField(`repeal${P}List`, (t) =>
    t.prismaField({
      type: refs.list,
      description: `废止已公布的清单（制定单位管理员）；废止后仍可查阅 Repeal a published list (agency admin); it stays readable as history`,
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => work.onListScope(ctx, args.id, 'issue'),
      args: {
        id: t.arg.globalID({ required: true }),
        reason: t.arg.string({
          required: true,
          description: '废止理由 Why',
          extensions: textKind('multiline'),
          validate: reasonText,
        }),
      },
      resolve: (query, _root, { id, reason }, ctx) =>
        onList(ctx, id, 'issue', async (uow, list) => {
          assertRepealable(list);
          const done = await uow.tx.enforcementList.updateMany({
            where: { id: list.id, status: 'PUBLISHED' },
            data: { status: 'REPEALED', repealedAt: uow.now, repealReason: reason },
          });
          if (done.count !== 1) throw changedMeanwhile('PUBLISHED');
          await emit(uow, spec.topics.repealed, list, { reason });
          return uow.tx.enforcementList.findUniqueOrThrow({ ...query, where: { id: list.id } });
        }),
    }),
  );

  builder.mutationField(`new${P}ListVersion`, (t) =>
    t.prismaField({
      type: refs.list,
      description: `基于已公布版本新建草稿版本（复制全部事项）New draft version from the published one, items copied`,
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => work.onListScope(ctx, args.id, 'edit'),
      args: { id: t.arg.globalID({ required: true }) },
      resolve: (query, _root, { id }, ctx) =>
        onList(ctx, id, 'edit', async (uow, list) => {
          const { tx } = uow;
          const latest = await tx.enforcementList.aggregate({
            where: { seriesId: list.seriesId },
            _max: { version: true },
          });
          const drafts = await tx.enforcementList.count({ where: { seriesId: list.seriesId, status: 'DRAFT' } });
          const plan = planNewVersion(list, latest._max.version ?? list.version, drafts > 0);
          const next = await tx.enforcementList.create({
            data: {
              kind: list.kind,
              seriesId: list.seriesId,
              version: plan.version,
              title: list.title,
              domain: list.domain,
              agencyId: list.agencyId,
              issuerLevel: list.issuerLevel,
              issuingBody: list.issuingBody,
              documentNumber: list.documentNumber,
              previousVersionId: list.id,
            },
          });
          const items = await tx.listItem.findMany({ where: { listId: list.id }, orderBy: { seq: 'asc' } });
          await tx.listItem.createMany({
            data: items.map((i) => ({ ...toItemData(i), listId: next.id, attributes: i.attributes ?? {} })),
          });
          await emit(uow, spec.topics.versionCreated, next, { from: list.id, items: items.length });
          return tx.enforcementList.findUniqueOrThrow({ ...query, where: { id: next.id } });
        }),
    }),
  );
}
