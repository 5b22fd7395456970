// The events this plugin emits. List lifecycle events come from core's list machinery, one prefix per
// kind (`.published` and `.repealed` are public).
import { defineTopic } from '@zhifa/core';
import { listTopics } from '@zhifa/core/lists';

export const LIGHTER_LIST_TOPICS = listTopics('flexibleEnforcementLighterList');
export const MITIGATED_LIST_TOPICS = listTopics('flexibleEnforcementMitigatedList');
export const NO_COMPULSORY_LIST_TOPICS = listTopics('flexibleEnforcementNoCompulsoryList');

/** A 从轻 / 减轻 list item was cited for a case's forthcoming decision (visible with the case). */
export const FLEXIBLE_BASIS_CITED = defineTopic<{
  caseId: number;
  basisId: number;
  itemId: number;
  listId: number;
  listVersion: number;
  decision: string;
}>('flexibleEnforcement.basisCited');

type ListTopic = (typeof LIGHTER_LIST_TOPICS)['created'];

export const FLEXIBLE_ENFORCEMENT_TOPICS = [
  ...[LIGHTER_LIST_TOPICS, MITIGATED_LIST_TOPICS, NO_COMPULSORY_LIST_TOPICS].flatMap(
    (t) => Object.values(t) as ListTopic[],
  ),
  FLEXIBLE_BASIS_CITED,
];
