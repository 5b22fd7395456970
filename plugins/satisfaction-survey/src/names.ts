// Bilingual names of the plugin's enum values: the GraphQL enums' descriptions, CSV and xlsx headers and cells.
import type {
  SurveyCallbackStatus,
  SurveyCampaignStatus,
  SurveyChannel,
  SurveyDimension,
  SurveyItemKind,
  SurveyQuality,
  SurveyRespondentType,
} from '@zhifa/core/prisma';
import type { Level } from './levels.js';

type Names<K extends string> = Record<K, { zh: string; en: string }>;

export const LEVEL_NAMES: Names<Level> = {
  VERY_SATISFIED: { zh: '非常满意', en: 'Very satisfied' },
  SATISFIED: { zh: '满意', en: 'Satisfied' },
  BASICALLY_SATISFIED: { zh: '基本满意', en: 'Basically satisfied' },
  DISSATISFIED: { zh: '不满意', en: 'Dissatisfied' },
  VERY_DISSATISFIED: { zh: '非常不满意', en: 'Very dissatisfied' },
};

export const CAMPAIGN_STATUS_NAMES: Names<SurveyCampaignStatus> = {
  DRAFT: { zh: '草稿', en: 'Draft' },
  OPEN: { zh: '调查中', en: 'Open' },
  CLOSED: { zh: '已结束', en: 'Closed' },
  PUBLISHED: { zh: '已公布', en: 'Published' },
};

export const RESPONDENT_TYPE_NAMES: Names<SurveyRespondentType> = {
  PUBLIC: { zh: '群众', en: 'Member of the public' },
  ENTERPRISE: { zh: '企业', en: 'Enterprise' },
  INDIVIDUAL_BUSINESS: { zh: '个体工商户', en: 'Individual business' },
  LAWYER: { zh: '律师', en: 'Lawyer' },
  OTHER: { zh: '其他', en: 'Other' },
};

export const CHANNEL_NAMES: Names<SurveyChannel> = {
  PHONE: { zh: '电话', en: 'Phone' },
  ONLINE: { zh: '网络', en: 'Online' },
  ON_SITE: { zh: '现场', en: 'On site' },
};

export const ITEM_KIND_NAMES: Names<SurveyItemKind> = {
  LIKERT5: { zh: '五级满意度题', en: 'Five-level satisfaction item' },
  SINGLE_CHOICE: { zh: '单选题', en: 'Single choice' },
  FREE_TEXT: { zh: '文字题', en: 'Free text' },
};

export const DIMENSION_NAMES: Names<SurveyDimension> = {
  NORMATIVE: { zh: '规范（亮证、告知）', en: 'Procedure (showing credentials, informing)' },
  CIVILITY: { zh: '文明', en: 'Civility' },
  FAIRNESS: { zh: '公正 / 过罚相当', en: 'Fairness / proportionality' },
  EFFICIENCY: { zh: '效率', en: 'Efficiency' },
  INTEGRITY: { zh: '廉洁（逐利、寻租）', en: 'Integrity (profit-driven enforcement, rent-seeking)' },
  BURDEN: { zh: '检查频次 / 扰企', en: 'Inspection frequency / burden on business' },
  FLEXIBLE: { zh: '柔性执法', en: 'Flexible enforcement' },
  OVERALL: { zh: '总体', en: 'Overall' },
};

export const QUALITY_NAMES: Names<SurveyQuality> = {
  CLEAN: { zh: '正常', en: 'Clean' },
  FLAGGED: { zh: '质量存疑', en: 'Flagged' },
  UNCONFIRMED: { zh: '回访未接通', en: 'Not reached at call-back' },
};

export const CALLBACK_STATUS_NAMES: Names<SurveyCallbackStatus> = {
  PENDING: { zh: '待回访', en: 'Pending' },
  CONFIRMED: { zh: '回访确认', en: 'Confirmed' },
  NOT_REACHED: { zh: '回访未接通', en: 'Not reached' },
};
