import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ReportEnvelope, Sha256 } from './envelope.js';

/** What a file in a bundle is for. */
export type BundleRole =
  | 'model'
  | 'validation'
  | 'training'
  | 'evaluation'
  | 'training-profile'
  | 'predictions-profile'
  | 'model-card'
  | 'lineage';

/** One file of a bundle: a path relative to the bundle folder, pinned by size and sha256. */
export interface BundleFile {
  role: BundleRole;
  path: string;
  sha256: Sha256;
  bytes: number;
}

/** Body of `mlops/bundle` v1: the manifest of the `mlops-<model>` workflow artifact handed to the registry. */
export interface BundleBody {
  model: { name: string };
  /** Must list `model.onnx` with role `model`. */
  files: BundleFile[];
}

/** A complete `mlops/bundle` v1 report. */
export type BundleManifest = ReportEnvelope<'mlops/bundle', 1> & BundleBody;

/** File name of the manifest inside a bundle folder. */
export const bundleManifestFile = 'mlops-bundle.json';

/** One way a bundle folder differs from its manifest. */
export interface BundleMismatch {
  path: string;
  role: BundleRole;
  problem: 'missing' | 'size' | 'sha256' | 'outside-bundle';
  expected?: string | number;
  actual?: string | number;
  /** A sentence for people. */
  message: string;
}

/** The sha256 of a file's bytes as 64 lower-case hex characters (streamed: model files can be large). */
export async function sha256File(file: string): Promise<Sha256> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Describes a file inside `dir` as a manifest entry (size and sha256 measured now). */
export async function bundleFileEntry(dir: string, path: string, role: BundleRole): Promise<BundleFile> {
  const file = join(dir, path);
  const info = await stat(file);
  return { role, path: path.split(sep).join('/'), sha256: await sha256File(file), bytes: info.size };
}

/**
 * Checks every file the manifest lists against the bundle folder; returns the mismatches (empty = intact).
 * Paths that would leave the folder are reported, never read, even if the manifest skipped schema validation.
 */
export async function verifyBundle(dir: string, manifest: Pick<BundleBody, 'files'>): Promise<BundleMismatch[]> {
  const root = resolve(dir);
  const mismatches: BundleMismatch[] = [];
  for (const entry of manifest.files) {
    const { path, role } = entry;
    const file = resolve(root, path);
    const inside = relative(root, file);
    if (isAbsolute(path) || inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      mismatches.push({ path, role, problem: 'outside-bundle', message: `${path} points outside the bundle folder` });
      continue;
    }
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOTFILE' });
      size = info.size;
    } catch {
      mismatches.push({ path, role, problem: 'missing', message: `${path} (${role}) is listed in the manifest but missing from ${dir}` });
      continue;
    }
    if (size !== entry.bytes) {
      mismatches.push({
        path, role, problem: 'size', expected: entry.bytes, actual: size,
        message: `${path} (${role}) is ${size} bytes; the manifest says ${entry.bytes}`,
      });
      continue;
    }
    const digest = await sha256File(file);
    if (digest !== entry.sha256) {
      mismatches.push({
        path, role, problem: 'sha256', expected: entry.sha256, actual: digest,
        message: `${path} (${role}) has sha256 ${digest}; the manifest says ${entry.sha256}`,
      });
    }
  }
  return mismatches;
}
