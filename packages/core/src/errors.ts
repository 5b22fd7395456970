// Domain failures are values, not exceptions that leak: each class below is exposed as a
// GraphQL object type (see schema/errors.ts) and returned through plugin-errors result unions.

export interface Bilingual {
  zh: string;
  en: string;
}

export abstract class ZhifaError extends Error {
  abstract readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  constructor(msg: Bilingual) {
    super(`${msg.zh} (${msg.en})`);
    this.messageZh = msg.zh;
    this.messageEn = msg.en;
  }
}

export interface FieldIssue {
  /** Path of the offending input, e.g. ["input", "rows", 3, "uscc"]. */
  path: (string | number)[];
  messageZh: string;
  messageEn: string;
}

export class ValidationError extends ZhifaError {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly issues: FieldIssue[]) {
    super({
      zh: `输入有误（${issues.length} 处）：${issues.map((i) => `${i.path.join('.')} ${i.messageZh}`).join('；')}`,
      en: `Invalid input (${issues.length}): ${issues.map((i) => `${i.path.join('.')} ${i.messageEn}`).join('; ')}`,
    });
  }
  static one(path: (string | number)[], msg: Bilingual) {
    return new ValidationError([{ path, messageZh: msg.zh, messageEn: msg.en }]);
  }
}

export class NotFoundError extends ZhifaError {
  readonly code = 'NOT_FOUND';
  constructor(
    readonly entity: string,
    readonly ref: string,
    what: Bilingual,
  ) {
    super({ zh: `未找到${what.zh}：${ref}`, en: `${what.en} not found: ${ref}` });
  }
}

export class ForbiddenError extends ZhifaError {
  readonly code = 'FORBIDDEN';
  constructor(msg: Bilingual = { zh: '无权执行此操作', en: 'Not allowed' }) {
    super(msg);
  }
}

export class UnauthenticatedError extends ZhifaError {
  readonly code = 'UNAUTHENTICATED';
  constructor(
    msg: Bilingual = { zh: '请先登录（缺少或无效的令牌）', en: 'Authentication required (missing or invalid token)' },
  ) {
    super(msg);
  }
}

/**
 * The database could not answer (down, restarting, out of connections): a fault to retry later,
 * never a verdict on the caller. HTTP answers 503; graphql-ws closes with 1013 (try again later).
 */
export class ServiceUnavailableError extends ZhifaError {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor(
    msg: Bilingual = {
      zh: '服务暂时不可用（数据库无法访问），请稍后重试',
      en: 'Service temporarily unavailable (database unreachable); retry later',
    },
  ) {
    super(msg);
  }
}

/** A domain rule refused the change. `rule` is a stable machine code such as CASE_TWO_OFFICERS. */
export class RuleViolation extends ZhifaError {
  readonly code = 'RULE_VIOLATION';
  constructor(
    readonly rule: string,
    msg: Bilingual,
  ) {
    super(msg);
  }
}

/** The error types every mutation declares, in the order they appear in result unions. */
export const domainErrors = [ValidationError, NotFoundError, ForbiddenError, UnauthenticatedError, RuleViolation];
