// Input types of a list kind: a new list, its metadata, an item.
import { z } from 'zod';
import type { EnumRef } from '@pothos/core';
import type { ZhifaBuilder, ZhifaSchemaTypes } from '../builder.js';
import type { ListIssuerLevel } from '../generated/prisma/enums.js';
import { msg, requiredText } from '../validation.js';
import { textKind } from '../input/text.js';

const NAME = textKind('name');
const MULTILINE = textKind('multiline');
import { LIMITS } from './csv.js';
import type { ListKindSpec } from './spec.js';

export const reasonText = requiredText(500);

export const ISSUER_LIMITS = { issuingBody: 100, documentNumber: 100 };

const ISSUING_BODY =
  '制定机关（县级以上清单必填，如 国家市场监督管理总局、江苏省市场监督管理局）Issuing body; required above the county';
const DOCUMENT_NUMBER = '文号，如 国市监法〔2025〕10号 Document number';

export function registerListInputs(
  builder: ZhifaBuilder,
  spec: Pick<ListKindSpec<object>, 'typePrefix' | 'nameZh' | 'nameEn' | 'attributesInput'>,
  IssuerLevel: EnumRef<ZhifaSchemaTypes, ListIssuerLevel, ListIssuerLevel>,
) {
  const P = spec.typePrefix;
  const ListInput = builder.inputType(`${P}ListInput`, {
    description: `新建${spec.nameZh} New ${spec.nameEn}`,
    fields: (t) => ({
      agencyId: t.globalID({ required: true, description: '制定单位 Issuing agency' }),
      title: t.string({ required: true, description: '标题 Title', extensions: NAME, validate: requiredText(200) }),
      domain: t.string({ required: true, description: '监管领域 Domain', validate: requiredText(LIMITS.domain) }),
      validFrom: t.field({
        type: 'Date',
        required: false,
        description: '生效日期（缺省为公布当日）In force from; default: the publication day',
      }),
      validUntil: t.field({ type: 'Date', required: false, description: '有效期至 In force until' }),
      issuerLevel: t.field({
        type: IssuerLevel,
        required: false,
        defaultValue: 'COUNTY',
        description:
          '制定层级（缺省为县级）Issuer level; default COUNTY. Lists above the county apply to every agency of the domain',
      }),
      issuingBody: t.string({
        required: false,
        description: ISSUING_BODY,
        extensions: NAME,
        validate: requiredText(ISSUER_LIMITS.issuingBody),
      }),
      documentNumber: t.string({
        required: false,
        description: DOCUMENT_NUMBER,
        extensions: NAME,
        validate: requiredText(ISSUER_LIMITS.documentNumber),
      }),
    }),
  });

  const ListMetaInput = builder.inputType(`${P}ListMetaInput`, {
    description: `修改${spec.nameZh}草稿信息 Draft metadata`,
    fields: (t) => ({
      title: t.string({ required: true, description: '标题 Title', extensions: NAME, validate: requiredText(200) }),
      domain: t.string({ required: true, description: '监管领域 Domain', validate: requiredText(LIMITS.domain) }),
      validFrom: t.field({ type: 'Date', required: false }),
      validUntil: t.field({ type: 'Date', required: false }),
      issuerLevel: t.field({
        type: IssuerLevel,
        required: false,
        description: '制定层级（不填则不变）Issuer level; omitted: unchanged',
      }),
      issuingBody: t.string({
        required: false,
        description: `${ISSUING_BODY}（不填则不变，null 清除）omitted: unchanged, null: cleared`,
        extensions: NAME,
        validate: requiredText(ISSUER_LIMITS.issuingBody),
      }),
      documentNumber: t.string({
        required: false,
        description: `${DOCUMENT_NUMBER}（不填则不变，null 清除）omitted: unchanged, null: cleared`,
        extensions: NAME,
        validate: requiredText(ISSUER_LIMITS.documentNumber),
      }),
    }),
  });

  const ItemInput = builder.inputType(`${P}ListItemInput`, {
    description: `${spec.nameZh}事项 ${spec.nameEn} item`,
    fields: (t) => ({
      seq: t.int({
        required: false,
        description: '序号（缺省为末尾）Number; default: after the last',
        validate: z.number().int().min(1, msg('序号应为正整数', 'seq must be positive')).max(999_999_999),
      }),
      domain: t.string({
        required: false,
        description: '监管领域（缺省为清单领域）Domain; default: the list’s',
        validate: requiredText(LIMITS.domain),
      }),
      discretionLevel: t.string({
        required: false,
        description: '裁量等级 Discretion level',
        validate: z.string().trim().max(LIMITS.discretionLevel, msg('过长', 'too long')),
      }),
      violation: t.string({
        required: true,
        description: '违法行为 Violation',
        extensions: MULTILINE,
        validate: requiredText(LIMITS.violation),
      }),
      violatedProvision: t.string({
        required: true,
        description: '违法依据 Provision violated',
        extensions: MULTILINE,
        validate: requiredText(LIMITS.provision),
      }),
      penaltyProvision: t.string({
        required: true,
        description: '处罚依据 Penalty provision',
        extensions: MULTILINE,
        validate: requiredText(LIMITS.provision),
      }),
      applicableConditions: t.string({
        required: true,
        description: '适用情形 When it applies',
        extensions: MULTILINE,
        validate: requiredText(LIMITS.conditions),
      }),
      attributes: t.field({
        type: spec.attributesInput,
        required: true,
        description: `${spec.nameZh}特有字段 Kind-specific fields`,
      }),
    }),
  });

  return { ListInput, ListMetaInput, ItemInput };
}
