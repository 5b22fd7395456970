// The installed plugins. Core never imports a plugin; the server's list is configuration.
import type { ZhifaPlugin } from '@zhifa/core';
import { nonPenaltyPlugin } from '@zhifa/plugin-non-penalty';
import { satisfactionSurveyPlugin } from '@zhifa/plugin-satisfaction-survey';
import { economicImpactPlugin } from '@zhifa/plugin-economic-impact';
import { flexibleEnforcementPlugin } from '@zhifa/plugin-flexible-enforcement';
import { inspectionsPlugin } from '@zhifa/plugin-inspections';

export const INSTALLED_PLUGINS: ZhifaPlugin[] = [
  nonPenaltyPlugin,
  satisfactionSurveyPlugin,
  economicImpactPlugin,
  flexibleEnforcementPlugin,
  inspectionsPlugin,
];

/** `ZHIFA_PLUGINS=a,b` selects plugins by name; unset means all installed; empty means none. */
export function selectPlugins(spec: string | undefined): ZhifaPlugin[] {
  if (spec === undefined) return INSTALLED_PLUGINS;
  const names = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !INSTALLED_PLUGINS.some((p) => p.name === n));
  if (unknown.length)
    throw new Error(
      `ZHIFA_PLUGINS 含未知插件 / unknown plugin(s): ${unknown.join(', ')} (installed: ${INSTALLED_PLUGINS.map((p) => p.name).join(', ') || 'none'})`,
    );
  return INSTALLED_PLUGINS.filter((p) => names.includes(p.name));
}
