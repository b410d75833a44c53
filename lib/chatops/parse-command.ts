/**
 * The ChatOps grammar. A command is the first non-blank line of a comment when it starts with `/mlops`; the rest of
 * the comment is free text (a reason, a note). Words follow tokenize.ts (quotes group), `--flag value` or
 * `--flag=value` set options, and `key=value` words are training parameters.
 */
import semver from 'semver';
import { parseDuration } from '../config/duration.js';
import { commandNames, commandSpecs, type ChatCommand, type CommandName } from './commands.js';
import { nearest } from './suggest.js';
import { tokenize, TokenizeError } from './tokenize.js';

/** What a comment holds. */
export type ParsedComment =
  | { kind: 'none' }
  | { kind: 'command'; command: ChatCommand; line: string }
  /** It addressed us but does not parse: `error` says why; `suggestion` is the command probably meant. */
  | { kind: 'invalid'; line: string; error: string; name?: CommandName; suggestion?: CommandName };

const prefix = '/mlops';
const modelPattern = /^[a-z0-9][a-z0-9_-]*$/i;
const stagePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const paramKey = /^[A-Za-z_][A-Za-z0-9_]*$/;

class GrammarError extends Error {}

/** The command line of a comment body: its first non-blank line, when that line starts with `/mlops` as a word. */
export function commandLine(body: string): string | undefined {
  const first = body.split(/\r?\n/).find((l) => l.trim() !== '')?.trim();
  if (!first || !first.startsWith(prefix)) return undefined;
  const rest = first.slice(prefix.length);
  return rest === '' || /^\s/.test(rest) ? first : undefined;
}

/** Parses a comment body. Pure; never throws. */
export function parseComment(body: string): ParsedComment {
  const line = commandLine(body);
  if (line === undefined) return { kind: 'none' };
  let words: string[];
  try {
    // The whole line, so an error's column is where the person sees it; the first word is `/mlops` itself.
    words = tokenize(line).slice(1);
  } catch (error) {
    return { kind: 'invalid', line, error: error instanceof TokenizeError ? error.message : String(error) };
  }
  if (words.length === 0) return { kind: 'command', command: { name: 'help' }, line };
  const [word, ...args] = words as [string, ...string[]];
  const name = word.toLowerCase();
  if (!(commandNames as readonly string[]).includes(name)) {
    const suggestion = nearest(name, commandNames) as CommandName | undefined;
    return { kind: 'invalid', line, error: `unknown command \`${word}\``, ...(suggestion ? { suggestion } : {}) };
  }
  try {
    return { kind: 'command', command: parseArgs(name as CommandName, args), line };
  } catch (error) {
    if (!(error instanceof GrammarError)) throw error;
    return { kind: 'invalid', line, name: name as CommandName, error: `${error.message}; usage: \`${commandSpecs[name as CommandName].usage}\`` };
  }
}

/** Splits `--flag value` / `--flag=value` options (only `allowed` ones) from the positional words. */
function options(args: string[], allowed: string[]): { flags: Record<string, string>; rest: string[] } {
  const flags: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      rest.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const flag = a.slice(2, eq < 0 ? undefined : eq);
    if (!allowed.includes(flag)) {
      const near = nearest(flag, allowed);
      throw new GrammarError(`unknown option \`--${flag}\`${near ? ` (did you mean \`--${near}\`?)` : ''}`);
    }
    const value = eq < 0 ? args[++i] : a.slice(eq + 1);
    if (value === undefined || value === '') throw new GrammarError(`\`--${flag}\` needs a value`);
    flags[flag] = value;
  }
  return { flags, rest };
}

function model(word: string | undefined, what = 'a model name'): string {
  if (word === undefined) throw new GrammarError(`missing ${what}`);
  if (!modelPattern.test(word)) throw new GrammarError(`\`${word}\` is not a model name (letters, digits, - and _)`);
  return word;
}

function version(word: string | undefined): string {
  if (word === undefined) throw new GrammarError('missing a version');
  const clean = semver.valid(word.replace(/^v/, ''));
  if (!clean || !/^v?\d/.test(word)) throw new GrammarError(`\`${word}\` is not a version (write 1.3.0 or v1.3.0)`);
  return clean;
}

function stage(word: string | undefined): string {
  if (word === undefined) throw new GrammarError('missing a stage');
  if (!stagePattern.test(word)) throw new GrammarError(`\`${word}\` is not a stage name`);
  return word;
}

function noMore(rest: string[]): void {
  if (rest.length > 0) throw new GrammarError(`unexpected \`${rest.join(' ')}\``);
}

function parseArgs(name: CommandName, args: string[]): ChatCommand {
  switch (name) {
    case 'help': {
      if (args.length > 1) throw new GrammarError(`unexpected \`${args.slice(1).join(' ')}\``);
      return args[0] === undefined ? { name } : { name, topic: args[0].toLowerCase() };
    }
    case 'evaluate': {
      const { flags, rest } = options(args, ['champion', 'model']);
      noMore(rest);
      return { name, ...(flags.champion ? { champion: version(flags.champion) } : {}), ...(flags.model ? { model: model(flags.model) } : {}) };
    }
    case 'train': {
      const { flags, rest } = options(args, ['model']);
      const params: Record<string, string> = {};
      for (const word of rest) {
        const eq = word.indexOf('=');
        if (eq <= 0) throw new GrammarError(`\`${word}\` is not key=value`);
        const key = word.slice(0, eq);
        if (!paramKey.test(key)) throw new GrammarError(`\`${key}\` is not a parameter name (letters, digits and _, not starting with a digit)`);
        if (key in params) throw new GrammarError(`parameter \`${key}\` is given twice`);
        params[key] = word.slice(eq + 1);
      }
      return { name, params, ...(flags.model ? { model: model(flags.model) } : {}) };
    }
    case 'promote': {
      const [m, v, to, s, ...rest] = args;
      const parsed = { model: model(m), version: version(v) };
      if (to?.toLowerCase() !== 'to') throw new GrammarError(to === undefined ? 'missing `to <stage>`' : `expected \`to\`, found \`${to}\``);
      noMore(rest);
      return { name, ...parsed, stage: stage(s) };
    }
    case 'rollback': {
      const [m, ...rest] = args;
      const out: ChatCommand = { name, model: model(m) };
      let i = 0;
      if (rest[i] !== undefined && rest[i]!.toLowerCase() !== 'to') out.stage = stage(rest[i++]);
      if (rest[i] !== undefined) {
        if (rest[i]!.toLowerCase() !== 'to') throw new GrammarError(`expected \`to\`, found \`${rest[i]}\``);
        out.to = version(rest[i + 1]);
        i += 2;
      }
      noMore(rest.slice(i));
      return out;
    }
    case 'retrain': {
      const [m, ...rest] = args;
      noMore(rest);
      return { name, model: model(m) };
    }
    case 'compare': {
      const [a, b, ...rest] = args;
      if (a === undefined || b === undefined) throw new GrammarError('compare needs two versions');
      noMore(rest);
      return { name, a, b };
    }
    case 'ack': {
      if (args.length === 0) return { name };
      const [f, d, ...rest] = args;
      if (f?.toLowerCase() !== 'for') throw new GrammarError(`expected \`for <duration>\`, found \`${f}\``);
      const ms = d === undefined ? undefined : parseDuration(d);
      if (ms === undefined || ms <= 0) throw new GrammarError(`\`${d ?? ''}\` is not a duration (write 30m, 12h, 7d)`);
      noMore(rest);
      return { name, duration: d!, durationMs: ms };
    }
  }
}
