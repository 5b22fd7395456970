import { defineTopic } from '../event-log/topic.js';
import type { ListEventPayload, ListTopics } from './spec.js';

/** The topics of one list kind, `<prefix>.created` … `<prefix>.versionCreated`; a plugin declares them. */
export function listTopics(prefix: string): ListTopics {
  const t = (what: string) => defineTopic<ListEventPayload>(`${prefix}.${what}`);
  return {
    created: t('created'),
    updated: t('updated'),
    itemAdded: t('itemAdded'),
    itemUpdated: t('itemUpdated'),
    itemRemoved: t('itemRemoved'),
    imported: t('imported'),
    published: t('published'),
    repealed: t('repealed'),
    versionCreated: t('versionCreated'),
  };
}
