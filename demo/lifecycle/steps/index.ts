import type { LifecycleStep } from '../step.js';
import { dataPrStep } from './data-pr.js';
import { driftRetrainStep } from './drift-retrain.js';
import { evaluationStep } from './evaluation.js';
import { promotionStep } from './promotion.js';
import { reapStep } from './reap.js';
import { reviewMergeStep } from './review-merge.js';
import { setupStep } from './setup.js';
import { trainingPrStep } from './training-pr.js';

/** The lifecycle, in order: each step builds on the state the previous ones left. */
export const lifecycleSteps: LifecycleStep[] = [setupStep, dataPrStep, trainingPrStep, evaluationStep, reviewMergeStep, promotionStep, driftRetrainStep, reapStep];
