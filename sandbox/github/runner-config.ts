/**
 * What a self-hosted runner is started with, in both directions: the encoded JIT config the emulator hands out (shaped
 * like GitHub's: base64 JSON of the runner's `.runner`, `.credentials` and `.credentials_rsaparams` files, each base64)
 * and what the runner bridge reads back out of an EC2 instance's user data (a JIT blob anywhere in the script, or
 * `config.sh --url … --token … --labels …`). The blob carries a per-runner secret so only this sandbox can redeem it.
 */
import { gunzipSync } from 'node:zlib';
import type { RunnerRecord } from './model-actions.js';

/** A runner the user data asks for. */
export type RunnerRequest =
  | { kind: 'jit'; runnerId: number; secret: string }
  | { kind: 'registration'; token: string; labels: string[]; name: string | null; ephemeral: boolean; url: string | null };

const b64json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

/** GitHub-shaped `encoded_jit_config` for a runner (base URL and repository for the `.runner` file). */
export function encodeJitConfig(runner: RunnerRecord, secret: string, base: string, repoFullName: string): string {
  return b64json({
    '.runner': b64json({
      agentId: runner.id,
      agentName: runner.name,
      poolId: runner.runner_group_id,
      poolName: 'Default',
      serverUrl: `${base}/_services/pipelines/`,
      gitHubUrl: `${base}/${repoFullName}`,
      workFolder: runner.work_folder,
      ephemeral: true,
      useV2Flow: true,
    }),
    '.credentials': b64json({ scheme: 'OAuth', data: { clientId: `sandbox-${runner.id}`, authorizationUrl: `${base}/_services/token`, requireFipsCryptography: 'False' } }),
    '.credentials_rsaparams': b64json({ d: secret }),
  });
}

function jsonOf(b64: unknown): Record<string, unknown> | undefined {
  if (typeof b64 !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(b64, 'base64').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The runner id and secret inside an encoded JIT config, or undefined when the text is not one. */
export function decodeJitConfig(blob: string): { runnerId: number; secret: string } | undefined {
  const files = jsonOf(blob);
  const runner = jsonOf(files?.['.runner']);
  const params = jsonOf(files?.['.credentials_rsaparams']);
  if (typeof runner?.agentId !== 'number' || typeof params?.d !== 'string') return undefined;
  return { runnerId: runner.agentId, secret: params.d };
}

/** The user data as text: base64 decoded, gunzipped when compressed (cloud-init accepts gzip). */
export function userDataText(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

const flag = (text: string, name: string): string | null => {
  const m = new RegExp(`--${name}[ =]+(?:"([^"]*)"|'([^']*)'|(\\S+))`).exec(text);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
};

/**
 * The runners a user-data script starts. JIT: any base64 run of 40+ characters that decodes to a JIT config, so
 * `./run.sh --jitconfig <blob>`, `JIT_CONFIG=<blob>` or a heredoc all work. Registration: a `--token` flag (config.sh),
 * with `--labels a,b`, `--name`, `--ephemeral`, `--url`.
 */
export function runnerRequests(text: string): RunnerRequest[] {
  const out: RunnerRequest[] = [];
  const seen = new Set<number>();
  for (const m of text.matchAll(/[A-Za-z0-9+/]{40,}={0,2}/g)) {
    const jit = decodeJitConfig(m[0]);
    if (jit && !seen.has(jit.runnerId)) {
      seen.add(jit.runnerId);
      out.push({ kind: 'jit', ...jit });
    }
  }
  const token = flag(text, 'token');
  if (out.length === 0 && token && !token.startsWith('$')) {
    const labels = (flag(text, 'labels') ?? '').split(',').map((l) => l.trim()).filter((l) => l !== '');
    out.push({ kind: 'registration', token, labels, name: flag(text, 'name'), ephemeral: /(^|\s)--ephemeral(\s|$)/m.test(text), url: flag(text, 'url') });
  }
  return out;
}
