// The overdue sweep for compulsory measures (行政强制法 第25条: at most 30 days, plus one extension;
// 第19条: an emergency measure approved within 24 hours). Every ZHIFA_CASE_MEASURE_SWEEP_SECONDS (default
// 60; 0 = off) the server marks each measure still in force after its last day and emits
// `compulsoryMeasure.overdue` once for it, and each emergency measure still unapproved 24 hours after it
// was taken and emits `compulsoryMeasure.approvalLapsed` once for it, to its agency and to supervisors
// (core: cases/measures.ts notifyOverdueMeasuresInTx). Several instances may sweep at once: the
// conditional updates let only one of them report a measure.
import { CASE_SETTINGS, errorForLog, unitOfWork, type WorkEnvironment } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import { notifyOverdueMeasuresInTx } from '@zhifa/core/cases';
import type { Logger } from './log.js';

/** Who the sweep acts as: the platform itself (recorded as `system:measure-overdue` in the event log). */
export const MEASURE_SWEEP_VIEWER: Viewer = { kind: 'system', name: 'measure-overdue' };

export interface MeasureOverdueSweep {
  /** One sweep now; resolves with the number of reports (overdue and lapsed). Concurrent calls share one run. */
  runOnce(): Promise<number>;
  /** Stop the timer and wait for a sweep in progress. */
  stop(): Promise<void>;
}

export function startMeasureOverdueSweep(env: Omit<WorkEnvironment, 'viewer'>, log: Logger): MeasureOverdueSweep {
  const seconds = env.settings.get(CASE_SETTINGS).measureSweepSeconds;
  let running: Promise<number> | null = null;
  let stopped = false;

  const runOnce = () =>
    (running ??= unitOfWork({ ...env, viewer: MEASURE_SWEEP_VIEWER }, notifyOverdueMeasuresInTx, {
      silent: 'a sweep that finds no measure past its term writes nothing',
    }).finally(() => {
      running = null;
    }));

  const timer =
    seconds > 0
      ? setInterval(() => {
          if (stopped) return;
          runOnce().then(
            (n) => n > 0 && log.info({ measures: n }, 'compulsory measures past their term reported'),
            (err: unknown) =>
              log.warn(
                { error: errorForLog(err) },
                'compulsory-measure overdue sweep failed; retried at the next interval',
              ),
          );
        }, seconds * 1000)
      : null;
  // The sweep never keeps the process alive on its own.
  timer?.unref();

  return {
    runOnce,
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
