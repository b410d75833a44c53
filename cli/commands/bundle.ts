/**
 * `mlops bundle --model NAME --dir DIR ROLE=PATH…`: assembles the `mlops-<model>` artifact the registry registers a
 * version from — the model and its reports copied into DIR under the registry's asset names, plus the `mlops/bundle`
 * manifest (mlops-bundle.json) pinning each file by size and sha256. Upload DIR as the artifact `mlops-<model>` (the
 * evaluation run whose check run the app finds at merge time).
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bundleFileEntry, bundleManifestFile, createReport, writeReport, type BundleFile, type BundleRole } from '../../lib/contracts/index.js';
import { BadInputError } from '../../lib/errors.js';
import { assetNameByRole, generatedRoles } from '../../lib/registry/index.js';
import { addFormatOptions, resolveFormat, usageError } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';

interface BundleOptions {
  model: string;
  dir: string;
  commit?: string;
  format?: string;
  json?: boolean;
}

const where = { file: 'mlops bundle' };
// Roles a bundle may carry; model-card and lineage are rendered by the app at registration, never shipped.
const roles = (Object.keys(assetNameByRole) as BundleRole[]).filter((r) => !generatedRoles.includes(r));

/** Parses `role=path` arguments: each role at most once, the model required. */
function parseFiles(args: string[]): Array<{ role: BundleRole; path: string }> {
  const files = args.map((arg) => {
    const eq = arg.indexOf('=');
    const role = arg.slice(0, eq) as BundleRole;
    if (eq <= 0 || !roles.includes(role) || arg.length === eq + 1) {
      throw new BadInputError('bad-bundle-file', `"${arg}" is not ROLE=PATH with a role of ${roles.join(', ')}`, { location: { ...where, path: arg }, hint: 'e.g. model=out/model.onnx evaluation=mlops-evaluation.json' });
    }
    return { role, path: arg.slice(eq + 1) };
  });
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.role)) throw new BadInputError('duplicate-role', `role ${f.role} is given twice`, { location: { ...where, path: f.role }, hint: 'a bundle holds one file per role' });
    seen.add(f.role);
  }
  if (!seen.has('model')) throw usageError('a bundle needs the model: model=PATH', 'mlops bundle --model churn --dir bundle model=model.onnx evaluation=mlops-evaluation.json');
  return files;
}

async function bundle(options: BundleOptions, ctx: CommandContext, ...args: string[]): Promise<number> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(options.model)) {
    throw new BadInputError('bad-model', `--model must be a model name (letters, digits, - and _), got "${options.model}"`, { location: { ...where, path: 'model' } });
  }
  const files = parseFiles(args);
  const dir = resolve(ctx.cwd, options.dir);
  await mkdir(dir, { recursive: true });
  const entries: BundleFile[] = [];
  for (const f of files) {
    const source = resolve(ctx.cwd, f.path);
    const info = await stat(source).catch(() => undefined);
    if (!info?.isFile()) throw new BadInputError('missing-file', `${f.path} (${f.role}) is not a file`, { location: { file: f.path }, hint: 'paths are relative to the working directory' });
    const name = f.role === 'model' ? assetNameByRole.model : `reports/${assetNameByRole[f.role]}`;
    await mkdir(join(dir, 'reports'), { recursive: true });
    await copyFile(source, join(dir, name));
    entries.push(await bundleFileEntry(dir, name, f.role));
  }
  const model = entries.find((e) => e.role === 'model')!;
  const commit = options.commit ?? ctx.env.GITHUB_SHA;
  const subject = { model: { name: options.model, sha256: model.sha256, bytes: model.bytes }, ...(commit && /^[0-9a-f]{40}$/.test(commit) ? { commit: { sha: commit } } : {}) };
  await writeReport(join(dir, bundleManifestFile), createReport('mlops/bundle', { model: { name: options.model }, files: entries }, { subject }));
  if (resolveFormat(options) === 'json') ctx.io.stdout(JSON.stringify({ dir, model: options.model, files: entries }, null, 2));
  else ctx.io.stdout(`bundle of ${options.model} in ${options.dir}: ${entries.map((e) => `${e.path} (${e.role})`).join(', ')} + ${bundleManifestFile}`);
  return 0;
}

/** `mlops bundle`: the registry's input artifact. */
export const bundleCommand: CommandModule = {
  register(program, run) {
    const cmd = program
      .command('bundle')
      .description('assemble the mlops-<model> artifact for the registry: model + reports + mlops/bundle manifest')
      .argument('<files...>', `ROLE=PATH, roles: ${roles.join(', ')} (model required)`)
      .requiredOption('--model <name>', 'the model name (the artifact is uploaded as mlops-<name>)')
      .requiredOption('--dir <dir>', 'the folder to write the bundle into')
      .option('--commit <sha>', 'the commit the model was built from (default GITHUB_SHA)');
    addFormatOptions(cmd, ['text', 'json']).action(run(bundle));
  },
};
