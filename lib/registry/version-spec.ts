/**
 * What `mlops registry resolve|pull` accept: `churn@production` (the stage's champion), `churn@v1.3.0` / `churn@1.3.0`
 * / `churn/v1.3.0` (a version), `churn@latest` (the newest published version).
 */
import semver from 'semver';
import { BadInputError } from '../errors.js';
import { parseVersionTag } from './version-tag.js';

/** A parsed reference to a model version. */
export type VersionSpec =
  | { model: string; kind: 'version'; version: string }
  | { model: string; kind: 'stage'; stage: string }
  | { model: string; kind: 'latest' };

const stagePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Parses `model@stage`, `model@version`, `model/vX.Y.Z` or `model@latest`; BadInputError otherwise. */
export function parseVersionSpec(text: string): VersionSpec {
  const tag = parseVersionTag(text);
  if (tag) return { model: tag.model, kind: 'version', version: tag.version };
  const at = text.indexOf('@');
  const fail = () =>
    new BadInputError('bad-version-spec', `'${text}' does not name a model version`, {
      hint: 'write <model>@<stage> (churn@production), <model>@<version> (churn@1.3.0), <model>/v<version> or <model>@latest',
    });
  if (at <= 0) throw fail();
  const model = text.slice(0, at);
  const ref = text.slice(at + 1);
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(model) || ref === '') throw fail();
  if (ref === 'latest') return { model, kind: 'latest' };
  const version = semver.valid(ref.replace(/^v/, ''));
  if (version && /^v?\d/.test(ref)) return { model, kind: 'version', version };
  if (!stagePattern.test(ref)) throw fail();
  return { model, kind: 'stage', stage: ref };
}

/** The spec written back as text (`churn@production`, `churn/v1.3.0`, `churn@latest`). */
export function formatVersionSpec(spec: VersionSpec): string {
  if (spec.kind === 'version') return `${spec.model}/v${spec.version}`;
  return `${spec.model}@${spec.kind === 'stage' ? spec.stage : 'latest'}`;
}
