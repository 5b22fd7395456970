// Input hygiene: what strings, dates, money and lists the API accepts, in one place.
export * from './text.js';
export * from './values.js';
export { MAX_LIST_ITEMS } from './plugin.js';
export { csvInput, MAX_UPLOAD_BYTES } from './csv-upload.js';
