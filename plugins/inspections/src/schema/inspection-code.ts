// `viewer { inspectionCode }`: the enterprise user reads its own inspection code 检查码 (扫码入企, county plan task 14)
// to show as a QR code at the door; valid for the setting codeTtlMinutes, signed with the first configured key
// (code.ts). Everyone else reads null. In production without a configured key the field answers
// INSPECTION_CODE_KEYS_MISSING rather than a code no other instance could verify.
import type { CoreRefs, ZhifaBuilder } from '@zhifa/core';
import { codeKeysInForce, signInspectionCode, type InspectionCode } from '../code.js';
import { violation } from '../inspection-checks.js';
import { KEYS_MISSING } from '../rules/visit-rules.js';
import { inspectionsSettings } from '../settings.js';

export function registerInspectionCode(builder: ZhifaBuilder, core: CoreRefs) {
  const CodeRef = builder.objectRef<InspectionCode>('InspectionCode').implement({
    description:
      '企业检查码（扫码入企：应用将其显示为二维码，检查人员入企时扫描；方案任务14）An enterprise’s inspection code, shown as a QR code and scanned at the door (county plan task 14)',
    fields: (t) => ({
      code: t.exposeString('code', { description: '检查码（签名令牌）The code: a signed token' }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime', description: '失效时间 Expires at' }),
      keyId: t.exposeString('keyId', { description: '签名密钥编号 The signing key’s id' }),
    }),
  });

  builder.objectField(core.Viewer, 'inspectionCode', (t) =>
    t.field({
      type: CodeRef,
      nullable: true,
      description:
        '本企业的检查码（仅企业用户；其他调用者为空）The caller’s enterprise’s inspection code: enterprise users only, null for everyone else',
      resolve: (v, _args, ctx) => {
        if (v.kind !== 'enterprise') return null;
        const settings = ctx.settings.get(inspectionsSettings);
        const keys = codeKeysInForce(settings.codeKeys);
        if (!keys) throw violation(KEYS_MISSING);
        return signInspectionCode(
          keys,
          v.enterpriseId,
          new Date(ctx.clock().getTime() + settings.codeTtlMinutes * 60_000),
        );
      },
    }),
  );
}
