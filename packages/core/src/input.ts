// @zhifa/core/input — input hygiene: what strings, dates, money and lists the API accepts.
export { checkText, textKind, type TextKind } from './input/text.js';
export { maxListItems } from './input/plugin.js';
export {
  DEFAULT_INPUT_LIMITS,
  parseCalendarDate,
  parseFenValue,
  parseInstant,
  RefusedInput,
  type InputLimits,
} from './input/values.js';
