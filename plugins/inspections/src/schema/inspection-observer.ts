// InspectionObserver 特邀行政执法监督员 (county plan task 15): the type, the filing's list of them, and the invitation
// by the filing's agency (a major filing) or the joint inspection's lead agency. Who sees an observer row is
// access.ts (observerRule: the observer, the inviting agency, supervisors).
import {
  asIfUnknown,
  domainErrors,
  nodeRowId,
  parseId,
  parseOptionalId,
  tryParseId,
  unitOfWork,
  ValidationError,
  type ZhifaBuilder,
} from '@zhifa/core';
import { actorShownTo } from '@zhifa/core/auth';
import { observerRule } from '../access.js';
import { filingNotFound, jointNotFound } from '../joints.js';
import { inviteInspectionObserverInTx } from '../observers.js';
import { drawScope } from './draw-mutations.js';
import { visibleFiling, visibleJoint } from './joint-mutations.js';

export function registerObservers(builder: ZhifaBuilder): void {
  const Observer = builder.prismaNode('InspectionObserver', {
    id: { field: 'id' },
    nullable: true,
    description:
      '受邀参与重大检查或联合检查的特邀行政执法监督员（方案任务15）A special supervisor invited to a major or joint inspection (county plan task 15)',
    rowRule: observerRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      person: t.relation('person', { nullable: true, description: '特邀行政执法监督员 The special supervisor' }),
      filing: t.relation('filing', { nullable: true, description: '受邀参与的重大检查报备 The major filing' }),
      jointInspection: t.relation('jointInspection', {
        nullable: true,
        description: '受邀参与的联合检查 The joint inspection',
      }),
      invitedAt: t.expose('invitedAt', { type: 'DateTime', description: '邀请时间 Invited at' }),
      invitedBy: t.string({
        description: '邀请人 Invited by',
        resolve: (o, _a, ctx) => actorShownTo(ctx.viewer, o.invitedBy),
      }),
    }),
  });

  builder.prismaObjectField('InspectionFiling', 'observers', (t) =>
    t.relatedConnection('observers', {
      cursor: 'id',
      totalCount: true,
      nullable: true,
      description: '受邀的特邀行政执法监督员（重大检查）Special supervisors invited (a major inspection)',
      query: { orderBy: { id: 'asc' } },
    }),
  );

  builder.mutationField('inviteInspectionObserver', (t) =>
    t.prismaField({
      type: Observer,
      description:
        '邀请特邀行政执法监督员参与重大检查（报备单位）或联合检查（牵头单位）（方案任务15）Invite a special supervisor to a major filing (its agency) or a joint inspection (its lead agency) (county plan task 15)',
      errors: { types: domainErrors },
      authScopes: async (_root, args, ctx) => {
        const filingId = tryParseId(args.filingId, 'InspectionFiling');
        const jointId = tryParseId(args.jointInspectionId, 'JointInspection');
        if (filingId !== null) {
          const filing = await visibleFiling(ctx, filingId);
          if (!filing) return asIfUnknown(ctx, () => filingNotFound(filingId));
          return drawScope(ctx, filing.agencyId);
        }
        if (jointId !== null) {
          const joint = await visibleJoint(ctx, jointId);
          if (!joint) return asIfUnknown(ctx, () => jointNotFound(jointId));
          return drawScope(ctx, joint.leadAgencyId);
        }
        return { staff: true };
      },
      args: {
        personId: t.arg.globalID({ required: true, description: '特邀行政执法监督员 The special supervisor' }),
        filingId: t.arg.globalID({ required: false, description: '重大检查报备（二选一）A major filing, or' }),
        jointInspectionId: t.arg.globalID({ required: false, description: '联合检查（二选一）a joint inspection' }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const filingId = parseOptionalId(args.filingId, 'InspectionFiling', ['filingId']);
          const jointInspectionId = parseOptionalId(args.jointInspectionId, 'JointInspection', ['jointInspectionId']);
          if ((filingId === null) === (jointInspectionId === null))
            throw ValidationError.one(['filingId'], {
              zh: '须指定重大检查报备或联合检查之一',
              en: 'name either a major filing or a joint inspection',
            });
          const o = await inviteInspectionObserverInTx(
            uow,
            parseId(args.personId, 'Person', ['personId']),
            filingId !== null ? { filingId } : { jointInspectionId: jointInspectionId! },
          );
          return uow.tx.inspectionObserver.findUniqueOrThrow({ ...query, where: { id: o.id } });
        }),
    }),
  );
}
