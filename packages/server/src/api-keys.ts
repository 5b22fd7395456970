// Revoking a survey organisation's API key is core's service (packages/core/src/api-keys.ts), the
// same the graph's revokeApiKey runs; the CLI and the admin socket reach it through here.
export { revokeApiKey, UnknownApiKey, type RevokedApiKey } from '@zhifa/core';
