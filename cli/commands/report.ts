import type { CommandModule } from '../program.js';

/** `mlops report …` — placeholder registration replaced by the config issue work. */
export const reportCommand: CommandModule = {
  register() {},
};
