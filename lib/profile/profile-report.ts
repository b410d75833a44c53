/** Profiles as `mlops/profile` v1 reports: wrapping a body with its dataset subject, and reading one back for merging. */
import { createReport, readReport, type ProfileBody, type ProfileReport, type Subject } from '../contracts/index.js';
import { BadInputError } from '../errors.js';
import type { FileDigest } from './dataset-profiler.js';
import type { ProfileSource } from './merge-profiles.js';

/** What a profile report needs besides its body. */
export interface ProfileReportOptions {
  /** The files the profile covers, in read order (their digests make the fingerprint). */
  files: readonly FileDigest[];
  /** Commit / run of the producing workflow, if any (the dataset part is built here). */
  subject?: Omit<Subject, 'dataset'>;
  now?: Date;
  toolVersion?: string;
}

/** Wraps a profile body in the `mlops/profile` envelope; `subject.dataset` carries the fingerprint, rows and files. */
export function toProfileReport(body: ProfileBody, options: ProfileReportOptions): ProfileReport {
  const subject: Subject = {
    ...options.subject,
    dataset: { fingerprint: body.fingerprint, rows: body.rows, files: options.files.map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256 })) },
  };
  return createReport('mlops/profile', body, {
    subject,
    ...(options.now ? { now: options.now } : {}),
    ...(options.toolVersion ? { toolVersion: options.toolVersion } : {}),
  }) as ProfileReport;
}

/** The body, file digests and name of a parsed profile report, ready for `mergeProfiles`. */
export function profileSource(report: ProfileReport, file: string): ProfileSource {
  const { kind: _kind, version: _version, createdAt: _createdAt, tool: _tool, subject, ...body } = report;
  const listed = subject.dataset?.files;
  if (listed === undefined || listed.some((f) => f.sha256 === undefined)) {
    throw new BadInputError('profile-without-files', `${file}: subject.dataset.files does not list every file with its sha256`, {
      location: { file, path: 'subject.dataset.files' },
      hint: 'merging rebuilds the fingerprint from the shards\' file digests; profile the shard with `mlops profile`',
    });
  }
  return { body: body as ProfileBody, files: listed.map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256! })), file };
}

/** Reads and checks a profile report file (schema, kind) and returns it as a merge source. */
export async function readProfileSource(path: string, file = path): Promise<ProfileSource> {
  return profileSource(await readReport(path, 'mlops/profile'), file);
}
