// @zhifa/core — the plugin contract: what every plugin and the server build on. Each other concern
// has its own entry point (package.json "exports"): @zhifa/core/auth, /cases, /events, /input,
// /lists, /rules, /time, /prisma and /access-matrix. Every name here is one that code outside core
// imports; scripts/codemods/core-entries.ts moves imports to the entry that holds them.

// The schema and the plugin object
export {
  createSchema,
  type CoreRefs,
  type PluginSweep,
  type PluginHooks,
  type SeedContext,
  type ZhifaPlugin,
} from './plugin.js';
export type { ZhifaBuilder, ZhifaSchemaTypes } from './builder.js';
export type { CallerCheck, Context, ResultSink } from './context.js';

// Settings (ZHIFA_* variables), core's own among them
export { defineSettings, PluginSettings, settingsFromEnv, settingVariable, type SettingsOf } from './settings.js';
export { CASE_SETTINGS, CORE_SETTINGS, flagSetting, type CaseSettings } from './case-settings.js';

// Topics, subscriptions, and the one write path
export { CORE_TOPICS } from './topics.js';
export { createApiKey, hashApiKey, newApiKey, revokeApiKey, UnknownApiKey, type RevokedApiKey } from './api-keys.js';
export { defineTopic, type Topic } from './event-log/topic.js';
export { defineTopicSubscription, type TopicEvent } from './events/subscription.js';
export {
  NoEventEmitted,
  unitOfWork,
  type UnitOfWork,
  type WorkEnvironment,
  type WorkOptions,
} from './work/unit-of-work.js';

// Case guards: a plugin's veto on decisions and measures, in core's transaction
export { CaseGuards, type CaseGuard } from './guards.js';
export { type DecideGuardContext, type GuardContext } from './work/unit-of-work.js';
export { type DecideCaseInput, type DecisionFacts } from './guard-inputs.js';

// Errors and bilingual messages
export {
  domainErrors,
  ForbiddenError,
  NotFoundError,
  RuleViolation,
  ServiceUnavailableError,
  UnauthenticatedError,
  ValidationError,
  ZhifaError,
  type FieldIssue,
} from './errors.js';
export { bilingualMessage, msg } from './validation.js';
export { errorForLog } from './log-fields.js';
export { describedValues } from './schema/enum-values.js';

// Global ids
export {
  decodeGlobalIdOrNothing,
  globalId,
  MAX_ROW_ID,
  nodeRowId,
  NOT_A_GLOBAL_ID,
  parseId,
  parseOptionalId,
  tryParseId,
} from './ids.js';
export { asIfUnknown, caseActorScope, caseActorScopeById, caseMutation } from './schema/case-scopes.js';
export { caseIdArg } from './schema/case-scopes.js';
export { inCaseUnit } from './schema/case-scopes.js';
export { openCaseData } from './schema/case-mutations.js';
export { requiredText } from './validation.js';
export { pageByKey, pageByPosition, PAGED_BY_POSITION, pagedByKey, type InMemoryPage } from './input/in-memory-page.js';
export { type GlobalId } from './ids.js';
