// 移送司法机关 (行政处罚法 第27条: 违法行为涉嫌犯罪的，行政机关应当及时将案件移送司法机关，依法追究刑事责任;
// 第57条第1款第(四)项: 违法行为涉嫌犯罪的，移送司法机关). A decision outcome of its own: the agency imposes
// nothing (the shape check refuses penalties, rules/decision.ts), and records the receiving body and the
// 移送书 number. A simple-procedure case cannot end so (第51条 covers only a warning or a small fine). Pure.
import type { CaseDecision, CaseProcedure } from '../generated/prisma/enums.js';
import type { RuleRefusal } from './case-stage.js';

export interface TransferDetails {
  transferredTo: string | null;
  transferDocumentNumber: string | null;
}

/** CASE_TRANSFER_DETAILS: a transfer names its receiving body and document; no other decision carries them. */
export function transferRefusal(
  decision: CaseDecision,
  procedure: CaseProcedure,
  t: TransferDetails,
): RuleRefusal | null {
  const given = !!t.transferredTo?.trim() || !!t.transferDocumentNumber?.trim();
  if (decision !== 'TRANSFERRED')
    return given
      ? {
          rule: 'CASE_TRANSFER_DETAILS',
          message: {
            zh: '只有移送司法机关的决定写明接收机关和移送书文号（行政处罚法第27条）',
            en: 'only a transfer to the judicial organs names a receiving body and a transfer document (art. 27)',
          },
        }
      : null;
  if (procedure === 'SIMPLE')
    return {
      rule: 'CASE_SIMPLE_PROCEDURE_LIMIT',
      message: {
        zh: '简易程序只能当场作出警告或者小额罚款（行政处罚法第51条）；涉嫌犯罪移送司法机关须适用普通程序（第57条第1款第四项）',
        en: 'the simple procedure decides only a warning or a small fine (art. 51); a transfer to the judicial organs takes the general procedure (art. 57(1)(4))',
      },
    };
  if (!t.transferredTo?.trim() || !t.transferDocumentNumber?.trim())
    return {
      rule: 'CASE_TRANSFER_DETAILS',
      message: {
        zh: '移送司法机关须写明接收的司法机关和移送书文号（行政处罚法第27条、第57条第1款第四项）',
        en: 'a transfer to the judicial organs names the receiving body and the transfer document number (arts. 27, 57(1)(4))',
      },
    };
  return null;
}
