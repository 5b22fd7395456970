// One log line per GraphQL request (HTTP) or operation (WebSocket): what was asked, by what kind
// of caller, how long it took and how it ended — OK, or the first error's code.
import { getOperationAST, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '@zhifa/core';
import type { Logger } from './log.js';

export interface RequestLine {
  transport: 'http' | 'ws';
  operation: string | null;
  /** query, mutation or subscription; null when the request never got that far (a syntax error). */
  type: string | null;
  /** public, person, enterprise or surveyOrg; null when the credential was refused. */
  caller: string | null;
  ms: number;
  /** OK, or the first error's extensions.code. */
  outcome: string;
  status?: number;
}

export function writeRequestLine(log: Logger, line: RequestLine): void {
  log.info({ ...line, ms: Math.round(line.ms * 10) / 10 }, 'request');
}

/** OK, or the code of the first error (GRAPHQL_ERROR when it has none). */
export function outcomeOf(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): string {
  if (!errors?.length) return 'OK';
  const code = errors[0].extensions?.code;
  return typeof code === 'string' ? code : 'GRAPHQL_ERROR';
}

export function operationOf(
  document: DocumentNode,
  operationName?: string | null,
): { operation: string | null; type: string | null } {
  const op = getOperationAST(document, operationName ?? undefined);
  return { operation: operationName ?? op?.name?.value ?? null, type: op?.operation ?? null };
}

interface Entry {
  start: number;
  operation: string | null;
  type: string | null;
  caller: string | null;
  outcome: string;
}

/** The HTTP side: a yoga plugin that follows each request from arrival to response. */
export function useRequestLog(log: Logger): Plugin<Record<string, unknown>, Context> {
  const entries = new WeakMap<Request, Entry>();
  const seen = (request: Request | undefined) => (request ? entries.get(request) : undefined);
  const started = (args: { document: DocumentNode; operationName?: string | null; contextValue: unknown }) => {
    const ctx = args.contextValue as Partial<Context> & { request?: Request };
    const entry = seen(ctx.request);
    if (!entry) return; // a WebSocket operation: ws.ts logs those
    Object.assign(entry, operationOf(args.document, args.operationName));
    entry.caller = ctx.viewer?.kind ?? null;
  };
  return {
    onRequest: ({ request }) => {
      entries.set(request, { start: performance.now(), operation: null, type: null, caller: null, outcome: 'OK' });
    },
    onParams: ({ params, request }) => {
      const entry = seen(request);
      if (entry) entry.operation = params.operationName ?? null;
    },
    onExecute: ({ args }) => started(args),
    onSubscribe: ({ args }) => started(args),
    onResultProcess: ({ request, result }) => {
      const entry = seen(request);
      if (!entry) return;
      const results = Array.isArray(result) ? result : [result];
      for (const r of results) {
        const outcome = outcomeOf((r as { errors?: readonly { extensions?: Record<string, unknown> }[] }).errors);
        if (outcome !== 'OK') {
          entry.outcome = outcome;
          break;
        }
      }
    },
    onResponse: ({ request, response }) => {
      const entry = seen(request);
      if (!entry) return;
      entries.delete(request);
      const { start, ...line } = entry;
      writeRequestLine(log, {
        transport: 'http',
        ...line,
        ms: performance.now() - start,
        status: response.status,
      });
    },
  };
}
