// API keys of the survey organisation: the third party the county justice bureau commissions to
// measure satisfaction with enforcement (county plan task 13: 群众和企业对行政执法满意率达 93% 以上, by
// a third-party evaluation). A key speaks for that organisation only, so one is issued only to an
// agency of kind SURVEY_ORGANISATION. Pure.
import type { AgencyKind } from '../generated/prisma/enums.js';
import type { RuleRefusal } from './case-stage.js';

export const API_KEY_LABEL_MAX = 100;

/** API_KEY_SURVEY_ORGANISATION_ONLY: a key is issued to a survey organisation, nobody else. */
export function apiKeyHolderRefusal(agency: { name: string; kind: AgencyKind }): RuleRefusal | null {
  if (agency.kind === 'SURVEY_ORGANISATION') return null;
  return {
    rule: 'API_KEY_SURVEY_ORGANISATION_ONLY',
    message: {
      zh: `${agency.name} 不是第三方调查机构；API 密钥只发给受委托开展满意度调查的第三方机构（县实施方案任务13）`,
      en: `${agency.name} is not a survey organisation; API keys are issued only to the third-party organisation commissioned for the satisfaction survey (county plan task 13)`,
    },
  };
}
