// PenaltyInput: one penalty (kind and amount), shared by decideCase (DecideCaseInput.penalties) and
// recordNotice (the penalties proposed). Registered once; Pothos allows one ref per name.
import type { ZhifaBuilder } from '../builder.js';
import type { CoreEnums } from './enums.js';

export type PenaltyInputRef = ReturnType<typeof registerPenaltyInput>;

export function registerPenaltyInput(builder: ZhifaBuilder, enums: CoreEnums) {
  return builder.inputType('PenaltyInput', {
    description: '处罚内容 One penalty (行政处罚法 第9条)',
    fields: (t) => ({
      kind: t.field({ type: enums.PenaltyKind, required: true, description: '种类 Kind' }),
      amountFen: t.field({
        type: 'Fen',
        required: false,
        description:
          '金额（分）：罚款、没收违法所得、没收非法财物必填，其他不填 Amount in fen, for fines and confiscations only',
      }),
    }),
  });
}
