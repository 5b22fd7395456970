// The figures part's types and fields, registered in one call from index.ts.
import type { CoreRefs, ZhifaBuilder } from '@zhifa/core';
import type { SurveyEnums } from './enums.js';
import { registerSurveyFigureTypes } from './survey-figures.js';
import { registerAgencySatisfaction } from './agency-satisfaction.js';
import { registerCountySatisfaction } from './county-satisfaction.js';
import { registerSurveyFreeTexts } from './survey-free-texts.js';
import { registerFigureSubscriptions } from './figure-subscriptions.js';

export function registerSurveyFigures(builder: ZhifaBuilder, enums: SurveyEnums, core: CoreRefs) {
  const refs = registerSurveyFigureTypes(builder, enums, core);
  registerAgencySatisfaction(builder, enums, refs);
  registerCountySatisfaction(builder, enums, refs);
  registerSurveyFreeTexts(builder, enums);
  registerFigureSubscriptions(builder, refs);
}
