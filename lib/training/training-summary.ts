/**
 * The job summary of a training run (Markdown): outcome, cost, GPU use, final metrics, and one training curve per
 * metric as a Mermaid `xychart-beta` line chart (GitHub renders Mermaid in job summaries and comments).
 */
import type { TrainingBody } from '../contracts/training.js';
import { downsample } from './nvidia-smi.js';

const fmt = (x: number) => String(Number(x.toPrecision(6)));

/** A Mermaid line chart of one metric (at most 100 points, evenly thinned). */
export function metricChart(name: string, points: Array<{ step: number; value: number }>): string {
  const shown = downsample(points, 100);
  const safe = name.replace(/["\n]/g, '');
  return ['```mermaid', 'xychart-beta', `  title "${safe}"`, `  x-axis [${shown.map((p) => p.step).join(', ')}]`, `  line [${shown.map((p) => fmt(p.value)).join(', ')}]`, '```'].join('\n');
}

/** Renders the summary. */
export function trainingSummaryMarkdown(body: TrainingBody): string {
  const out: string[] = [];
  const status = body.outcome?.status ?? 'completed';
  out.push(`### Training ${status === 'completed' ? 'completed' : status === 'interrupted' ? 'interrupted (checkpoint saved, resuming on a new runner)' : `failed (exit ${body.outcome?.exitCode})`}`, '');
  out.push('| | |', '|---|---|');
  out.push(`| runner | ${body.runner.market} ${body.runner.instanceType}${body.runner.instanceId ? ` (${body.runner.instanceId})` : ''} |`);
  out.push(`| duration | ${fmt(body.durationSeconds)} s |`);
  out.push(`| GPU-hours | ${fmt(body.gpuHours)} |`);
  out.push(`| cost | $${body.cost.usd.toFixed(2)} at $${fmt(body.cost.pricePerHour)}/h (${body.cost.source}) |`);
  if (body.gpu) out.push(`| GPU | ${fmt(body.gpu.summary.utilizationMean)} % mean, ${fmt(body.gpu.summary.utilizationMax)} % max, ${body.gpu.summary.memoryMaxMiB} MiB peak, ${fmt(body.gpu.summary.energyWh)} Wh |`);
  out.push(`| code | ${body.code.sha.slice(0, 12)}${body.code.dirty ? ' (dirty)' : ''} |`);
  if (body.runner.interruptions > 0) out.push(`| interruptions | ${body.runner.interruptions} |`);
  const names = [...new Set(body.metrics.map((m) => m.name))];
  if (names.length > 0) {
    out.push('', '#### Final metrics', '', '| metric | step | value |', '|---|---|---|');
    for (const name of names) {
      const last = body.metrics.filter((m) => m.name === name).at(-1)!;
      out.push(`| ${name} | ${last.step} | ${fmt(last.value)} |`);
    }
    out.push('', '#### Training curves', '');
    for (const name of names) out.push(metricChart(name, body.metrics.filter((m) => m.name === name)), '');
  }
  if (body.artifacts.length > 0) {
    out.push('', '#### Artifacts', '', '| file | bytes | sha256 |', '|---|---|---|');
    for (const a of body.artifacts) out.push(`| ${a.path.replace(/\|/g, '\\|')} | ${a.bytes} | \`${a.sha256.slice(0, 16)}…\` |`);
  }
  return out.join('\n') + '\n';
}
