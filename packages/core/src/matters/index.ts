export * from './service.js';
export * from './csv.js';
export * from './import.js';
