// The survey organisation's API keys in the graph: the county justice bureau issues, lists and
// revokes them (county plan task 13); the organisation reads its own. The key is shown once, in
// createApiKey's result; the hash is never a field. Issue and revocation are core's service
// (api-keys.ts), the same the CLI and the admin socket call.
import type { ZhifaBuilder } from '../builder.js';
import type { registerAgency } from './agency.js';
import type { ApiKey } from '../generated/prisma/client.js';
import { domainErrors, NotFoundError } from '../errors.js';
import { unitOfWork } from '../work/unit-of-work.js';
import { apiKeyRule, mayManageApiKeys } from '../auth/rows.js';
import { nodeRowId, parseId, parseOptionalId } from '../ids.js';
import { createApiKeyIn, revokeApiKeyIn } from '../api-keys.js';
import { API_KEY_LABEL_MAX } from '../rules/api-key.js';
import { textKind } from '../input/text.js';
import { reasonText, requiredText } from '../validation.js';
import type { Viewer } from '../auth/viewer.js';

const API_KEY = { zh: 'API 密钥', en: 'API key' };

export function registerApiKey(builder: ZhifaBuilder, AgencyRef: ReturnType<typeof registerAgency>) {
  const ApiKeyRef = builder.prismaNode('ApiKey', {
    id: { field: 'id' },
    description:
      '第三方调查机构的 API 密钥（只显示前缀，密钥本身只在创建时显示一次）A survey organisation’s API key: its prefix only; the key itself is shown once, when it is created',
    rowRule: apiKeyRule,
    nullable: true,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      label: t.exposeString('label', { description: '用途说明 Label' }),
      prefix: t.exposeString('prefix', {
        description: '前缀（密钥 zfk_<前缀>_…）Prefix: the key reads zfk_<prefix>_…',
      }),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间 Created at' }),
      revokedAt: t.expose('revokedAt', {
        type: 'DateTime',
        nullable: true,
        description: '吊销时间；为空则有效 Revoked at; null while it works',
      }),
      agency: t.field({
        type: AgencyRef,
        description: '所属第三方调查机构 The survey organisation it speaks for',
        // Agencies are public rows; Prisma batches the findUnique calls of one tick into one query.
        resolve: (k, _a, ctx) => ctx.prisma.agency.findUniqueOrThrow({ where: { id: k.agencyId } }),
      }),
    }),
  });

  const CreatedApiKey = builder.objectRef<{ apiKey: ApiKey; key: string }>('CreatedApiKey').implement({
    description: '新建的 API 密钥 A new API key',
    fields: (t) => ({
      apiKey: t.field({ type: ApiKeyRef, resolve: (r) => r.apiKey }),
      key: t.exposeString('key', {
        description:
          '密钥本身，只显示这一次（只保存其哈希），请立即交给调查机构 The key itself, shown this once (only its hash is stored): hand it to the organisation now',
      }),
    }),
  });

  const RevokedApiKeyRef = builder.objectRef<{ apiKey: ApiKey; already: boolean }>('RevokedApiKey').implement({
    description: '吊销结果 A revocation',
    fields: (t) => ({
      apiKey: t.field({ type: ApiKeyRef, resolve: (r) => r.apiKey }),
      alreadyRevoked: t.exposeBoolean('already', {
        description: '此前已被吊销，本次未作任何变更 It had been revoked before: nothing changed, no event was written',
      }),
    }),
  });

  builder.queryFields((t) => ({
    apiKeys: t.prismaConnection({
      type: 'ApiKey',
      cursor: 'id',
      description:
        'API 密钥（县司法局监督人员、系统管理员看全部；调查机构看本机构的）API keys: the justice bureau’s supervisors and system admins see all, a survey organisation its own',
      authScopes: { authenticated: true },
      args: {
        agencyId: t.arg.globalID({ required: false, description: '调查机构 The survey organisation' }),
        revoked: t.arg.boolean({
          required: false,
          description: '只看已吊销（true）或有效（false）的 Only revoked (true) or working (false) keys',
        }),
      },
      totalCount: (_p, args, ctx) => ctx.prisma.apiKey.count({ where: apiKeyWhere(args) }),
      resolve: (query, _p, args, ctx) =>
        ctx.prisma.apiKey.findMany({ ...query, where: apiKeyWhere(args), orderBy: { id: 'asc' } }),
    }),
  }));

  // Never through a key: a key does not issue or revoke keys, its own included.
  const manage = (_r: unknown, _a: unknown, ctx: { viewer: Viewer }) => mayManageApiKeys(ctx.viewer);

  builder.mutationFields((t) => ({
    createApiKey: t.field({
      type: CreatedApiKey,
      description:
        '为第三方调查机构创建 API 密钥，密钥只在结果中显示一次（县司法局监督人员或系统管理员）Issue an API key to a survey organisation; the key is in the result this once (the justice bureau’s supervisors or a system admin)',
      authScopes: manage,
      errors: { types: domainErrors },
      args: {
        agencyId: t.arg.globalID({ required: true, description: '第三方调查机构 The survey organisation' }),
        label: t.arg.string({
          required: true,
          description: '用途说明，如“2026年度满意度调查” Label, e.g. what the key is for',
          extensions: textKind('name'),
          validate: requiredText(API_KEY_LABEL_MAX, '用途说明', 'label'),
        }),
      },
      resolve: (_r, args, ctx) =>
        unitOfWork(ctx, (uow) =>
          createApiKeyIn(uow, parseId(args.agencyId, 'Agency', ['agencyId']), args.label.trim(), args.agencyId.id),
        ),
    }),
    revokeApiKey: t.field({
      type: RevokedApiKeyRef,
      description:
        '吊销 API 密钥，须写明理由；以该密钥建立的订阅立即结束（县司法局监督人员或系统管理员）Revoke an API key, with a reason; subscriptions opened with it end at once (the justice bureau’s supervisors or a system admin)',
      authScopes: manage,
      errors: { types: domainErrors },
      args: {
        id: t.arg.globalID({ required: true }),
        reason: t.arg.string({
          required: true,
          description: '理由（记入事件日志）Reason, kept in the event log',
          extensions: textKind('multiline'),
          validate: reasonText(),
        }),
      },
      resolve: async (_r, args, ctx) => {
        const done = await unitOfWork(
          ctx,
          (uow) => revokeApiKeyIn(uow, parseId(args.id, 'ApiKey', ['id']), args.reason.trim()),
          { silent: 'an already revoked key is left as it is' },
        );
        if (!done) throw new NotFoundError('ApiKey', args.id.id, API_KEY);
        return done;
      },
    }),
  }));
  return ApiKeyRef;
}

function apiKeyWhere(args: { agencyId?: { id: string; typename: string } | null; revoked?: boolean | null }) {
  const agencyId = parseOptionalId(args.agencyId, 'Agency', ['agencyId']);
  return {
    ...(agencyId === null ? {} : { agencyId }),
    ...(args.revoked == null ? {} : { revokedAt: args.revoked ? { not: null } : null }),
  };
}
