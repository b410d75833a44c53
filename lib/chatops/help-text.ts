/** The help reply: every command with its usage, the ones the person may run marked, and a typo's nearest command. */
import type { RepoRole } from '../policies/types.js';
import { commandNames, commandSpecs, type CommandName } from './commands.js';
import { commandsFor } from './permissions.js';

/** Markdown help for `role`; `topic` explains one command; `problem` (a parse error) and `suggestion` lead it. */
export function helpText(input: { role: RepoRole | 'none'; topic?: string; problem?: string; suggestion?: CommandName }): string {
  const lines: string[] = [];
  if (input.problem) lines.push(`⚠️ ${input.problem}.${input.suggestion ? ` Did you mean \`/mlops ${input.suggestion}\`?` : ''}`, '');
  const topic = input.topic === undefined ? undefined : (commandNames as readonly string[]).includes(input.topic) ? (input.topic as CommandName) : undefined;
  if (input.topic !== undefined && topic === undefined) lines.push(`⚠️ there is no command \`${input.topic}\`.`, '');
  const mine = new Set(commandsFor(input.role));
  const shown = topic ? [topic] : [...commandNames];
  lines.push('| Command | What it does | Who |', '|---|---|---|');
  for (const name of shown) {
    const spec = commandSpecs[name];
    lines.push(`| \`${spec.usage}\` | ${spec.summary}${spec.runsPullCode ? ' (not on fork PRs)' : ''} | ${spec.minRole}+ ${mine.has(name) ? '✅' : '—'} |`);
  }
  lines.push('', `✅ = you may run it (your role: ${input.role}). Write the command at the start of a comment; quote arguments with spaces (\`key="a b"\`).`);
  return lines.join('\n');
}
