// Shared set-up for the non-penalty integration tests: the test kit's base world (two enforcement
// agencies with an officer and an admin each, the justice bureau's supervisor, an enterprise user)
// on a harness with the plugin.
import type { ZhifaPlugin } from '@zhifa/core';
import { createBaseWorld, createHarness, type BaseWorld, type Harness } from '@zhifa/testkit';
import { nonPenaltyPlugin } from '../src/index.js';

export interface World extends BaseWorld {
  h: Harness;
}

export async function createWorld(extraPlugins: ZhifaPlugin[] = []): Promise<World> {
  const h = await createHarness({ plugins: [nonPenaltyPlugin, ...extraPlugins] });
  return { h, ...(await createBaseWorld(h)) };
}

export const HEADER =
  '序号,监管领域,裁量等级,违法行为,违法依据,处罚依据,适用情形,适用类型,改正期限（天）,参考罚款（元）';

export function sampleCsv(rows = 3): string {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++)
    lines.push(
      `${i},市场监管,不予处罚,未按规定公示营业执照第${i}类,《市场主体登记管理条例》第三十六条,《市场主体登记管理条例》第四十八条第一款,"初次违法且危害后果轻微，并在责令改正期限内改正的",首违不罚,${i + 4},${i * 1000}.5`,
    );
  return lines.join('\r\n') + '\r\n';
}
