// 行政检查主体资格 (county plan task 5; 国办发〔2024〕54号: 检查主体经确认并向社会公布): one rule for every act of
// inspecting — compiling items, plans and schemes, filing, visiting, drawing. It holds on a Shanghai day when the
// qualification was confirmed on or before it (the day itself allowed, the day before refused).

export interface QualificationRefusal {
  rule: 'INSPECTION_AGENCY_NOT_QUALIFIED';
  zh: string;
  en: string;
}

/** `today`: the Shanghai day as UTC midnight (core's shanghaiToday). */
export function qualificationRefusal(
  agency: { name: string; inspectionQualifiedOn: Date | null },
  today: Date,
): QualificationRefusal | null {
  if (agency.inspectionQualifiedOn !== null && agency.inspectionQualifiedOn.getTime() <= today.getTime()) return null;
  return {
    rule: 'INSPECTION_AGENCY_NOT_QUALIFIED',
    zh: `${agency.name}的行政检查主体资格尚未确认并公布，不得编制检查事项、计划、方案，也不得报备、入企或抽查（县实施方案任务5；国办发〔2024〕54号）`,
    en: `${agency.name} has no confirmed and published inspection-subject qualification: it compiles no inspection items, plans or schemes and files, visits or draws nothing (county plan task 5; 国办发〔2024〕54号)`,
  };
}
