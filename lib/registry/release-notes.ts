/**
 * Release notes of a version: how it was registered (PR, approvals on which commit, evaluation run, assets with their
 * sha256) and an audit log that every promotion decision appends to. Plain Markdown; the hidden marker is the
 * registration's natural key. Pure.
 */
import { inlineCode } from '../templates/markdown-escape.js';
import { releaseMarker } from './release-marker.js';
import type { LineageAsset } from './lineage.js';
import type { ReleaseMarker } from './types.js';

/** Heading of the audit section; promotion decisions are appended under it. */
export const auditHeading = '### Audit log';

/** What the notes describe. */
export interface ReleaseNotesInput {
  marker: ReleaseMarker;
  pullRequest?: { number: number; author: string; approvedBy: string[]; headSha: string };
  evaluation: { runUrl: string; conclusion: string };
  assets: LineageAsset[];
  parent?: string;
}

/** The release body written when the draft is created. */
export function releaseNotes(input: ReleaseNotesInput): string {
  const m = input.marker;
  const lines = [releaseMarker(m), `Model ${inlineCode(m.model)} version ${inlineCode(m.version)}, built at ${inlineCode(m.sha.slice(0, 12))}.`, ''];
  if (input.pullRequest) {
    const p = input.pullRequest;
    const approvers = p.approvedBy.length > 0 ? p.approvedBy.map((a) => `@${a}`).join(', ') : 'nobody';
    lines.push(`- Pull request #${p.number} by @${p.author}; approved on head ${inlineCode(p.headSha.slice(0, 12))} by ${approvers}.`);
  }
  lines.push(`- Evaluation: ${input.evaluation.conclusion} ([run](${input.evaluation.runUrl})).`);
  if (input.parent) lines.push(`- Replaces ${inlineCode(input.parent)}.`);
  lines.push('', '| Asset | Bytes | SHA-256 |', '|---|---:|---|');
  for (const a of input.assets) lines.push(`| ${inlineCode(a.name)} | ${a.bytes} | ${inlineCode(a.sha256)} |`);
  lines.push('', auditHeading, '');
  return lines.join('\n');
}

/** One audit entry: a decision, who asked, which rules, and the evidence (a deployment). `key` makes it idempotent. */
export interface AuditEntry {
  key: string;
  at: string;
  text: string;
}

/** `body` with `entry` appended under the audit heading; unchanged when an entry with the same key is there. */
export function appendAudit(body: string, entry: AuditEntry): string {
  const tag = `<!-- audit:${entry.key} -->`;
  if (body.includes(tag)) return body;
  const base = body.includes(auditHeading) ? body.replace(/\n*$/, '\n') : `${body.replace(/\n*$/, '\n')}\n${auditHeading}\n\n`;
  return `${base}- ${entry.at} ${entry.text} ${tag}\n`;
}
