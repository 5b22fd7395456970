// @zhifa/core/auth — who is asking, and which rows they may see.
export { actorOf, isOfficerOf, isSupervisor, PUBLIC_VIEWER, type Viewer } from './auth/viewer.js';
export { actorShownTo } from './auth/rows.js';
export { canReadCase, caseRule, statisticsAgency } from './auth/rows.js';
export { rowsThrough } from './auth/row-rules.js';
export { sudo } from './auth/row-rules.js';
export { defineRowRule } from './auth/row-rules.js';
export { isAgencyHeadOf, isStaff } from './auth/viewer.js';
export { publicRows } from './auth/row-rules.js';
export { isJusticeBureau } from './auth/viewer.js';
export { isSystemAdmin } from './auth/viewer.js';
