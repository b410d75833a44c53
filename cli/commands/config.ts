import type { CommandModule } from '../program.js';

/** `mlops config …` — placeholder registration replaced by the config issue work. */
export const configCommand: CommandModule = {
  register() {},
};
