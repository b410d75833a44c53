/** The permission ladder of ChatOps: a command runs only for people whose repository role reaches its minimum. */
import { roleAtLeast } from '../governance/roles.js';
import type { RepoRole } from '../policies/types.js';
import { commandSpecs, type CommandName } from './commands.js';

/** May `role` run `command`? With the reason either way (the refusal is replied to the person). */
export function decidePermission(command: CommandName, login: string, role: RepoRole | 'none'): { allowed: boolean; reason: string } {
  const min = commandSpecs[command].minRole;
  const allowed = roleAtLeast(role, min);
  const has = role === 'none' ? 'no role on this repository' : `the ${role} role`;
  return {
    allowed,
    reason: allowed ? `@${login} has ${has}; \`${command}\` needs ${min}` : `@${login} has ${has}, and \`/mlops ${command}\` needs ${min} or higher`,
  };
}

/** The commands `role` may run, in help order. */
export function commandsFor(role: RepoRole | 'none'): CommandName[] {
  return (Object.keys(commandSpecs) as CommandName[]).filter((c) => roleAtLeast(role, commandSpecs[c].minRole));
}
