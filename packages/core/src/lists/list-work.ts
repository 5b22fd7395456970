// How a list mutation reaches its list: load the version (invisible ⇒ NotFound), check access, run
// the mutation's rule and write in one unit of work, emit the kind's event. And the checks an item's
// write shares (attributes through the kind's schema, a free seq), and the columns it writes.
// `.published` and `.repealed` are public events (the list is 向社会公布); the others are visible to the agency.
import type { InputFieldMap } from '@pothos/core';
import type { Context } from '../context.js';
import type { Db } from '../db.js';
import type { EnforcementList, ListItem, Prisma } from '../generated/prisma/client.js';
import { ForbiddenError, NotFoundError, ValidationError, type Bilingual } from '../errors.js';
import { tryParseId, type GlobalId } from '../ids.js';
import { unitOfWork, type UnitOfWork } from '../work/unit-of-work.js';
import { issuesFromStandardSchema } from '../validation.js';
import { isStaff, type Viewer } from '../auth/viewer.js';
import type { Topic } from '../event-log/topic.js';
import { canEditList, canIssueList, canReadList } from './access.js';
import { assertEditable } from './rules.js';
import type { ListEventPayload, ListKindSpec } from './spec.js';

export type ListAccess = 'read' | 'edit' | 'issue';

/** An item with the list it belongs to, as the item mutations load it. */
export type ItemWithList = ListItem & { list: EnforcementList };

const EDITORS_ONLY: Bilingual = {
  zh: '只有制定单位的执法人员可以编辑该清单',
  en: 'Only officers of the issuing agency may edit this list',
};
const ISSUERS_ONLY: Bilingual = {
  zh: '只有制定单位的管理员可以公布或废止清单',
  en: 'Only an admin of the issuing agency may publish or repeal this list',
};

/** The loading, access and event helpers of one list kind's mutations. */
export type ListWork = ReturnType<typeof listWork>;

export function listWork<ItemArgs extends InputFieldMap>(spec: ListKindSpec<object, ItemArgs>) {
  const P = spec.typePrefix;
  const what: Bilingual = { zh: spec.nameZh, en: spec.nameEn };
  const itemWhat: Bilingual = { zh: `${spec.nameZh}事项`, en: `${spec.nameEn} item` };

  async function loadList(db: Db, viewer: Viewer, gid: GlobalId): Promise<EnforcementList> {
    const id = tryParseId(gid, `${P}List`);
    const list = id === null ? null : await db.enforcementList.findFirst({ where: { id, kind: spec.kind } });
    if (!list || !canReadList(viewer, list)) throw new NotFoundError(`${P}List`, gid.id, what);
    return list;
  }

  function requireAccess(viewer: Viewer, list: EnforcementList, access: ListAccess): void {
    if (access === 'edit' && !canEditList(viewer, list)) throw new ForbiddenError(EDITORS_ONLY);
    if (access === 'issue' && !canIssueList(viewer, list)) throw new ForbiddenError(ISSUERS_ONLY);
  }

  /**
   * A list mutation's scope, asked before its input is checked: only staff; a list the caller cannot
   * see is not found, like an unknown one; staff who may not edit (issue) it are refused naming who
   * may. The resolvers check again in their unit of work.
   */
  async function listScope(ctx: Context, load: () => Promise<EnforcementList>, access: ListAccess) {
    if (!isStaff(ctx.viewer)) return false;
    requireAccess(ctx.viewer, await load(), access);
    return true;
  }
  const listOfItem = async (ctx: Context, gid: GlobalId) => {
    const id = tryParseId(gid, `${P}ListItem`);
    const item =
      id === null
        ? null
        : await ctx.prisma.listItem.findFirst({ where: { id, list: { kind: spec.kind } }, select: { list: true } });
    if (!item || !canReadList(ctx.viewer, item.list)) throw new NotFoundError(`${P}ListItem`, gid.id, itemWhat);
    return item.list;
  };
  /** The scope of a mutation on the list named by `gid`. */
  const onListScope = (ctx: Context, gid: GlobalId, access: ListAccess) =>
    listScope(ctx, () => loadList(ctx.prisma, ctx.viewer, gid), access);
  /** The scope of a mutation on the item named by `gid`: edit access on its list. */
  const onItemScope = (ctx: Context, gid: GlobalId) => listScope(ctx, () => listOfItem(ctx, gid), 'edit');

  /** load → access → (the mutation's rule and write) in one unit of work. */
  function onList<T>(
    ctx: Context,
    gid: GlobalId,
    access: ListAccess,
    work: (uow: UnitOfWork, list: EnforcementList) => Promise<T>,
  ) {
    return unitOfWork(ctx, async (uow) => {
      const list = await loadList(uow.tx, uow.viewer, gid);
      requireAccess(uow.viewer, list, access);
      return work(uow, list);
    });
  }

  async function loadItem(uow: UnitOfWork, gid: GlobalId): Promise<ItemWithList> {
    const id = tryParseId(gid, `${P}ListItem`);
    const item =
      id === null
        ? null
        : await uow.tx.listItem.findFirst({ where: { id, list: { kind: spec.kind } }, include: { list: true } });
    if (!item || !canReadList(uow.viewer, item.list)) throw new NotFoundError(`${P}ListItem`, gid.id, itemWhat);
    return item;
  }

  /** load the item → edit access on its list → the list is a draft → the write, in one unit of work. */
  function onItem<T>(ctx: Context, gid: GlobalId, work: (uow: UnitOfWork, item: ItemWithList) => Promise<T>) {
    return unitOfWork(ctx, async (uow) => {
      const item = await loadItem(uow, gid);
      requireAccess(uow.viewer, item.list, 'edit');
      assertEditable(item.list);
      return work(uow, item);
    });
  }

  const emit = (
    uow: UnitOfWork,
    topic: Topic<ListEventPayload>,
    list: EnforcementList,
    extra: Partial<ListEventPayload> = {},
  ) =>
    uow.emit(
      topic,
      {
        listId: list.id,
        seriesId: list.seriesId,
        version: list.version,
        domain: list.domain,
        kind: list.kind,
        ...extra,
      },
      { agencyId: list.agencyId, public: topic === spec.topics.published || topic === spec.topics.repealed },
    );

  async function attributesFrom(db: Db, raw: unknown): Promise<Prisma.InputJsonValue> {
    const parsed = spec.attributes.safeParse(raw ?? {});
    if (!parsed.success)
      throw new ValidationError(
        issuesFromStandardSchema(parsed.error.issues).map((i) => ({ ...i, path: ['input', 'attributes', ...i.path] })),
      );
    const problems = spec.checkItems ? await spec.checkItems(db, [parsed.data]) : [];
    if (problems.length)
      throw new ValidationError(
        problems.map((p) => ({
          path: ['input', 'attributes', p.field],
          messageZh: p.message.zh,
          messageEn: p.message.en,
        })),
      );
    return attributesJson(parsed.data);
  }

  async function assertSeqFree(db: Db, listId: number, seq: number, exceptItemId: number | null) {
    const clash = await db.listItem.findUnique({ where: { listId_seq: { listId, seq } } });
    if (clash && clash.id !== exceptItemId)
      throw ValidationError.one(['input', 'seq'], {
        zh: `序号 ${seq} 已被占用`,
        en: `seq ${seq} is already used in this list`,
      });
  }

  return { loadList, requireAccess, onList, onItem, onListScope, onItemScope, emit, attributesFrom, assertSeqFree };
}

/** Attributes come out of the kind's zod schema, which admits only JSON values (numbers, strings, arrays). */
export function attributesJson(attributes: object): Prisma.InputJsonObject {
  return attributes;
}

/** The columns an added or replaced item writes. */
export function itemColumns(
  input: {
    domain?: string | null;
    discretionLevel?: string | null;
    violation: string;
    violatedProvision: string;
    penaltyProvision: string;
    applicableConditions: string;
  },
  list: EnforcementList,
  seq: number,
) {
  return {
    seq,
    domain: input.domain ?? list.domain,
    discretionLevel: input.discretionLevel?.trim() || null,
    violation: input.violation,
    violatedProvision: input.violatedProvision,
    penaltyProvision: input.penaltyProvision,
    applicableConditions: input.applicableConditions,
  };
}
