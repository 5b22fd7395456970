import type { ZhifaBuilder } from '../builder.js';
import {
  ForbiddenError,
  NotFoundError,
  RuleViolation,
  UnauthenticatedError,
  ValidationError,
  ZhifaError,
  type FieldIssue,
} from '../errors.js';

export function registerErrorTypes(builder: ZhifaBuilder): void {
  const ErrorInterface = builder.interfaceRef<ZhifaError>('Error').implement({
    description: '领域错误 A domain failure, with a message in Chinese and English',
    fields: (t) => ({
      code: t.exposeString('code', { description: '错误代码 Machine-readable code' }),
      message: t.exposeString('messageZh', { description: '中文说明 Message in Chinese' }),
      messageEn: t.exposeString('messageEn', { description: 'English message' }),
    }),
  });

  const FieldIssueRef = builder.objectRef<FieldIssue>('FieldIssue').implement({
    description: '输入问题 One problem with the input',
    fields: (t) => ({
      path: t.stringList({
        description: '字段路径 Path of the offending input',
        resolve: (i) => i.path.map(String),
      }),
      message: t.exposeString('messageZh', { description: '中文说明' }),
      messageEn: t.exposeString('messageEn', { description: 'English message' }),
    }),
  });

  builder.objectType(ValidationError, {
    name: 'ValidationError',
    description: '输入校验失败，未写入任何数据 Input failed validation; nothing was written',
    interfaces: [ErrorInterface],
    fields: (t) => ({
      issues: t.field({ type: [FieldIssueRef], resolve: (e) => e.issues }),
    }),
  });
  builder.objectType(NotFoundError, {
    name: 'NotFoundError',
    description: '对象不存在或不可见 Not found, or not visible to the caller',
    interfaces: [ErrorInterface],
    fields: (t) => ({
      entity: t.exposeString('entity'),
      ref: t.exposeString('ref'),
    }),
  });
  builder.objectType(ForbiddenError, {
    name: 'ForbiddenError',
    description: '无权执行 The caller may not do this',
    interfaces: [ErrorInterface],
  });
  builder.objectType(UnauthenticatedError, {
    name: 'UnauthenticatedError',
    description: '需要登录 A token or API key is required',
    interfaces: [ErrorInterface],
  });
  builder.objectType(RuleViolation, {
    name: 'RuleViolation',
    description: '违反业务规则 A domain rule refused the change',
    interfaces: [ErrorInterface],
    fields: (t) => ({
      rule: t.exposeString('rule', { description: '规则代码 Stable rule code, e.g. CASE_TWO_OFFICERS' }),
    }),
  });
}
