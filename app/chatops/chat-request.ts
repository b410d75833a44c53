/** What a command executor gets: the parsed command, who asked with which role, where, and the app's dependencies. */
import type { ChatCommand } from '../../lib/chatops/index.js';
import type { ResolvedConfig, ResolvedModel } from '../../lib/config/types.js';
import type { RepoRole } from '../../lib/policies/types.js';
import type { AppDeps } from '../deps.js';

/** The pull request a command was written on. */
export interface ChatPull {
  number: number;
  headRef: string;
  headSha: string;
  fork: boolean;
  state: 'open' | 'closed';
  headCommittedAt: string;
}

/** One command to run. */
export interface ChatRequest {
  deps: AppDeps;
  config?: ResolvedConfig;
  command: ChatCommand;
  login: string;
  role: RepoRole | 'none';
  comment: { id: number; createdAt: string; url: string };
  issue: { number: number; isPull: boolean; body: string };
  pull?: ChatPull;
  /** The repository's web address (links in replies). */
  repoUrl: string;
}

/** The reply: `ok` gets 🚀, otherwise 👎; `text` is the reply comment's Markdown. */
export interface ChatResult {
  ok: boolean;
  text: string;
}

/** A refusal. */
export const refuse = (text: string): ChatResult => ({ ok: false, text: `👎 ${text}` });

/** The model `name` of the config, or a refusal naming the known ones. */
export function findModel(req: ChatRequest, name: string): ResolvedModel | ChatResult {
  if (!req.config) return refuse('this repository has no `.github/mlops.yml`');
  const model = req.config.models.find((m) => m.name === name);
  return model ?? refuse(`there is no model \`${name}\` in \`.github/mlops.yml\` (models: ${req.config.models.map((m) => `\`${m.name}\``).join(', ') || 'none'})`);
}

/** True when `x` is a refusal rather than a model. */
export function isResult(x: ResolvedModel | ChatResult): x is ChatResult {
  return 'ok' in x && 'text' in x;
}
