import type { ZhifaBuilder } from '../builder.js';
import type { CoreEnums } from './enums.js';
export function registerCaseStats(_builder: ZhifaBuilder, _enums: CoreEnums) {}
