// The events this plugin emits. List lifecycle events come from core's list machinery, one prefix per
// kind (`.published` and `.repealed` are public).
import { listTopics } from '@zhifa/core/lists';

export const LIGHTER_LIST_TOPICS = listTopics('flexibleEnforcementLighterList');
export const MITIGATED_LIST_TOPICS = listTopics('flexibleEnforcementMitigatedList');
export const NO_COMPULSORY_LIST_TOPICS = listTopics('flexibleEnforcementNoCompulsoryList');

type ListTopic = (typeof LIGHTER_LIST_TOPICS)['created'];

export const FLEXIBLE_ENFORCEMENT_TOPICS: ListTopic[] = [
  LIGHTER_LIST_TOPICS,
  MITIGATED_LIST_TOPICS,
  NO_COMPULSORY_LIST_TOPICS,
].flatMap((t) => Object.values(t) as ListTopic[]);
