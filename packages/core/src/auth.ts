// @zhifa/core/auth — who is asking, and which rows they may see.
export { actorOf, isOfficerOf, isSupervisor, PUBLIC_VIEWER, type Viewer } from './auth/viewer.js';
export { actorShownTo, canReadCase, caseFilter, matterFilter } from './auth/rows.js';
