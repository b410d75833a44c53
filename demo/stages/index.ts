import type { Stage } from '../stage.js';
import { evaluateStage } from './evaluate.js';
import { monitorStage } from './monitor.js';
import { registryStage } from './registry.js';
import { runnerStage } from './runner.js';
import { sandboxStage } from './sandbox.js';
import { trainStage } from './train.js';
import { validateStage } from './validate.js';

/** The lifecycle so far, in order. Each issue adds its stage here. */
export const stages: Stage[] = [sandboxStage, validateStage, trainStage, runnerStage, evaluateStage, registryStage, monitorStage];
