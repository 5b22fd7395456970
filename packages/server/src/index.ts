export * from './api-keys.js';
export * from './app.js';
export * from './database.js';
export * from './identity.js';
export * from './log.js';
export * from './migrate.js';
export * from './security.js';
export * from './ws.js';
