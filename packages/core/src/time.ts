// @zhifa/core/time — calendar days as the county counts them: Asia/Shanghai (UTC+8, no daylight
// saving), days as UTC midnights.
export { SHANGHAI_OFFSET_MS, shanghaiToday, shanghaiYear, startOfShanghaiDay } from './rules/shanghai-time.js';
export { addDays, addYears } from './rules/limitation.js';
