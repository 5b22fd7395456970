// The draws slice of the plugin, registered in one call: 双随机 draws, joint inspections 综合查一次 and the
// 特邀行政执法监督员 invited to major and joint inspections (task 15).
import type { CoreRefs, ZhifaBuilder } from '@zhifa/core';
import { registerDrawTypes } from './inspection-draw.js';
import { registerDrawMutations } from './draw-mutations.js';
import { registerJointInspectionTypes } from './joint-inspection.js';
import { registerJointMutations } from './joint-mutations.js';
import { registerObservers } from './inspection-observer.js';

export function registerDraws(builder: ZhifaBuilder, core: CoreRefs): void {
  const draws = registerDrawTypes(builder, core);
  registerDrawMutations(builder, draws);
  const joints = registerJointInspectionTypes(builder, core);
  registerJointMutations(builder, joints);
  registerObservers(builder);
}
