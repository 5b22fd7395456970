import type { PrismaClient } from './generated/prisma/client.js';
import type { Viewer } from './auth/viewer.js';
import type { EventBus } from './events/bus.js';
import type { CaseGuards } from './guards.js';
import type { PluginSettings } from './settings.js';

/** Everything a resolver may use. Built per HTTP request or per WebSocket operation. */
export interface Context {
  prisma: PrismaClient;
  viewer: Viewer;
  events: EventBus;
  guards: CaseGuards;
  /** Every plugin's parsed settings: `ctx.settings.get(nonPenaltySettings)`. */
  settings: PluginSettings;
  /** The clock; tests may fix it. */
  clock: () => Date;
}
