// The events this plugin emits. List lifecycle events come from core's list machinery under the
// `nonPenaltyList.` prefix (`.published` and `.repealed` are public); a grant emits `nonPenalty.granted`.
import { defineTopic } from '@zhifa/core';
import { listTopics } from '@zhifa/core/lists';
import type { NonPenaltyItemKind } from './rules.js';

export const NON_PENALTY_LIST_TOPICS = listTopics('nonPenaltyList');

export const NON_PENALTY_GRANTED = defineTopic<{
  decisionId: number;
  caseId: number;
  number: string;
  itemId: number;
  listId: number;
  listVersion: number;
  domain: string;
  itemKind: NonPenaltyItemKind;
  fineNotImposedFen: number | null;
}>('nonPenalty.granted');

export const NON_PENALTY_TOPICS = [
  ...(Object.values(NON_PENALTY_LIST_TOPICS) as (typeof NON_PENALTY_LIST_TOPICS.created)[]),
  NON_PENALTY_GRANTED,
];
