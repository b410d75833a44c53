import type { CommandModule } from '../program.js';
import { artifactCommand } from './artifact.js';
import { bundleCommand } from './bundle.js';
import { configCommand } from './config.js';
import { evaluateCommand } from './evaluate.js';
import { gateCommand } from './gate.js';
import { driftCommand } from './drift.js';
import { metricsCommand } from './metrics.js';
import { monitorCommand } from './monitor.js';
import { appCommand } from './app.js';
import { profileCommand } from './profile.js';
import { registryCommand } from './registry.js';
import { reportCommand } from './report.js';
import { runnerCommand } from './runner.js';
import { sandboxCommand } from './sandbox.js';
import { schemaCommand } from './schema.js';
import { trainCommand } from './train.js';
import { validateCommand } from './validate.js';

/** Every top-level command, in the order `mlops --help` lists them. Add a module here when an issue adds a command. */
export const commandModules: CommandModule[] = [appCommand, artifactCommand, bundleCommand, configCommand, driftCommand, evaluateCommand, gateCommand, metricsCommand, monitorCommand, profileCommand, registryCommand, reportCommand, runnerCommand, sandboxCommand, schemaCommand, trainCommand, validateCommand];
