import { toolVersion as packageVersion } from '../package-root.js';
import type { ReportKind, Subject } from './envelope.js';
import { reportContracts, type Report, type ReportBody } from './registry.js';

/** What a new report needs besides its body. `now` and `toolVersion` exist for reproducible tests. */
export interface CreateReportOptions {
  subject: Subject;
  now?: Date;
  toolVersion?: string;
}

/** Wraps a body in the envelope of the current version of `kind`. Pure: validation happens when the report is written. */
export function createReport<K extends ReportKind>(kind: K, body: ReportBody<K>, options: CreateReportOptions): Report<K> {
  return {
    kind,
    version: reportContracts[kind].current,
    createdAt: (options.now ?? new Date()).toISOString(),
    tool: { name: 'gh-mlops', version: options.toolVersion ?? packageVersion() },
    subject: options.subject,
    ...body,
  } as unknown as Report<K>;
}
