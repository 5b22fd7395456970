import type { ZhifaBuilder } from '../builder.js';
import { registerScalars } from './scalars.js';
import { registerErrorTypes } from './errors.js';
import { registerViewer } from './viewer.js';
import { registerAgency } from './agency.js';
import { registerPerson } from './person.js';
import { registerEnterprise } from './enterprise.js';
import { registerCase } from './case.js';
import { registerEvents } from './event.js';

export function registerCore(builder: ZhifaBuilder): void {
  builder.queryType({ description: '查询 Queries' });
  builder.mutationType({ description: '变更 Mutations' });
  builder.subscriptionType({ description: '订阅 Live updates' });
  registerScalars(builder);
  registerErrorTypes(builder);
  registerViewer(builder);
  registerAgency(builder);
  registerPerson(builder);
  registerEnterprise(builder);
  registerCase(builder);
  registerEvents(builder);
}
