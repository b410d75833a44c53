/**
 * The ChatOps commands: what each one is called, how it is written, who may run it (the permission ladder), where it
 * may be used, and whether it runs code from the pull request on our runners (then fork PRs are refused).
 */
import type { RepoRole } from '../policies/types.js';

/** Names of the commands, in the order help lists them. */
export const commandNames = ['help', 'evaluate', 'train', 'promote', 'rollback', 'retrain', 'compare', 'ack'] as const;

/** One of `commandNames`. */
export type CommandName = (typeof commandNames)[number];

/** Where a command makes sense: on a pull request, on a drift incident issue, or anywhere. */
export type CommandPlace = 'pull-request' | 'drift-issue' | 'anywhere';

/** What the parser and the decisions know about a command. */
export interface CommandSpec {
  name: CommandName;
  /** How it is written, for help and usage errors. */
  usage: string;
  summary: string;
  /** The weakest repository role that may run it. */
  minRole: RepoRole;
  place: CommandPlace;
  /** True when it runs the pull request's code (refused on fork pull requests, checked against a moving head). */
  runsPullCode: boolean;
}

/**
 * The ladder (issue: read → help/compare; triage → ack; write → evaluate/train; maintain/admin → promote/rollback).
 * Retrain starts a training run of the default branch, which costs GPU time: write, like train.
 */
export const commandSpecs: Record<CommandName, CommandSpec> = {
  help: { name: 'help', usage: '/mlops help [command]', summary: 'list the commands (or explain one)', minRole: 'read', place: 'anywhere', runsPullCode: false },
  evaluate: { name: 'evaluate', usage: '/mlops evaluate [--champion vX] [--model NAME]', summary: 'evaluate the PR head, against the champion or version vX', minRole: 'write', place: 'pull-request', runsPullCode: true },
  train: { name: 'train', usage: '/mlops train [--model NAME] [key=value …]', summary: 'train on the PR head with these parameters', minRole: 'write', place: 'pull-request', runsPullCode: true },
  promote: { name: 'promote', usage: '/mlops promote <model> <version> to <stage>', summary: 'deploy a registered version to a stage (policy-checked)', minRole: 'maintain', place: 'anywhere', runsPullCode: false },
  rollback: { name: 'rollback', usage: '/mlops rollback <model> [<stage>] [to <version>]', summary: 'redeploy the previous (or the given) version of a stage', minRole: 'maintain', place: 'anywhere', runsPullCode: false },
  retrain: { name: 'retrain', usage: '/mlops retrain <model>', summary: 'retrain on fresh data; the result comes back as a pull request', minRole: 'write', place: 'anywhere', runsPullCode: false },
  compare: { name: 'compare', usage: '/mlops compare <vA> <vB>', summary: 'compare the metrics of two versions', minRole: 'read', place: 'anywhere', runsPullCode: false },
  ack: { name: 'ack', usage: '/mlops ack [for 7d]', summary: 'acknowledge a drift incident: no more comments for a while', minRole: 'triage', place: 'drift-issue', runsPullCode: false },
};

/** A parsed command with its arguments. */
export type ChatCommand =
  | { name: 'help'; topic?: string }
  | { name: 'evaluate'; champion?: string; model?: string }
  | { name: 'train'; model?: string; params: Record<string, string> }
  | { name: 'promote'; model: string; version: string; stage: string }
  | { name: 'rollback'; model: string; stage?: string; to?: string }
  | { name: 'retrain'; model: string }
  | { name: 'compare'; a: string; b: string }
  | { name: 'ack'; duration?: string; durationMs?: number };
