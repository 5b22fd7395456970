import type { PrismaClient } from './generated/prisma/client.js';
import type { Viewer } from './auth/viewer.js';
import type { EventBus } from './events/bus.js';
import type { CaseGuards } from './guards.js';

export interface DomainSettings {
  /** Look-back for "first offence" (首违) checks, in years. */
  firstOffenceLookbackYears: number;
}

/** Everything a resolver may use. Built per HTTP request or per WebSocket connection. */
export interface Context {
  prisma: PrismaClient;
  viewer: Viewer;
  events: EventBus;
  guards: CaseGuards;
  settings: DomainSettings;
}
