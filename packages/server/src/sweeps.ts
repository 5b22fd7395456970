// The server's periodic sweeps: core's overdue sweep for compulsory measures (行政强制法 第25条: at most 30
// days, plus one extension; 第19条: an emergency measure approved within 24 hours) and each plugin's own
// (`ZhifaPlugin.sweeps`, e.g. overdue soft-measure follow-ups). Every ZHIFA_CASE_MEASURE_SWEEP_SECONDS (default
// 60; 0 = off) each sweep runs in its own unit of work as the platform (`system:<name>` in the event log) and
// announces what it finds once: the conditional updates of its work let only one of several instances report
// a row. A failing sweep is logged and retried at the next interval; it never stops the others.
import { CASE_SETTINGS, errorForLog, unitOfWork, type PluginSweep, type WorkEnvironment } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import { notifyOverdueMeasuresInTx } from '@zhifa/core/cases';
import type { Logger } from './log.js';

/** Who core's measure sweep acts as (recorded as `system:measure-overdue` in the event log). */
export const MEASURE_SWEEP_VIEWER: Viewer = { kind: 'system', name: 'measure-overdue' };

/** Core's own sweep: measures past their term, emergency measures unapproved after 24 hours. */
const MEASURE_SWEEP: PluginSweep = {
  name: 'measure-overdue',
  run: notifyOverdueMeasuresInTx,
  silent: 'a sweep that finds no measure past its term writes nothing',
};

export interface Sweeps {
  /** Every sweep once now; resolves with the number of reports. Concurrent calls share one run. */
  runOnce(): Promise<number>;
  /** Stop the timer and wait for a sweep in progress. */
  stop(): Promise<void>;
}

export function startSweeps(
  env: Omit<WorkEnvironment, 'viewer'>,
  log: Logger,
  pluginSweeps: readonly PluginSweep[] = [],
): Sweeps {
  const seconds = env.settings.get(CASE_SETTINGS).measureSweepSeconds;
  const all = [MEASURE_SWEEP, ...pluginSweeps];
  let running: Promise<number> | null = null;
  let stopped = false;

  const runOne = (sweep: PluginSweep) =>
    unitOfWork({ ...env, viewer: { kind: 'system', name: sweep.name } }, sweep.run, { silent: sweep.silent }).then(
      (n) => {
        if (n > 0) log.info({ sweep: sweep.name, reports: n }, 'sweep reported');
        return n;
      },
      (err: unknown) => {
        log.warn({ sweep: sweep.name, error: errorForLog(err) }, 'sweep failed; retried at the next interval');
        return 0;
      },
    );

  const runOnce = () =>
    (running ??= (async () => {
      let total = 0;
      for (const sweep of all) total += await runOne(sweep);
      return total;
    })().finally(() => {
      running = null;
    }));

  const timer =
    seconds > 0
      ? setInterval(() => {
          if (!stopped) void runOnce();
        }, seconds * 1000)
      : null;
  // The sweeps never keep the process alive on their own.
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
