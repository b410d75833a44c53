import { join, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { parseReport, writeReport, type DriftWindow, type ProfileBody, type ProfileReport } from '../../lib/contracts/index.js';
import { compareProfiles, decideDataset } from '../../lib/drift/compare-datasets.js';
import { toDriftReport } from '../../lib/drift/drift-report.js';
import { renderDriftChart } from '../../lib/drift/monitor-chart.js';
import { classifyChanges } from '../../lib/drift/monitor-decision.js';
import { appendWindow, DEFAULT_RETENTION, nextSlot, readHistory, slotPath, writeHistory, type HistoryWindow, type MonitorHistory } from '../../lib/drift/monitor-history.js';
import { driftScore } from '../../lib/drift/page-hinkley.js';
import { toProfileReport } from '../../lib/profile/profile-report.js';
import { addFormatOptions, resolveFormat, usageError } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';
import { addDriftFlags, loadSide, parseDriftFlags, printDriftReport, type DriftFlags } from './drift.js';

interface MonitorOptions extends DriftFlags {
  baseline: string;
  current: string;
  history: string;
  windowLabel?: string;
  retention: string;
  report?: string;
}

/** `mlops monitor`: one monitoring window against the baseline and the history (spike vs slow drift). */
export const monitorCommand: CommandModule = {
  register(program, run) {
    const cmd = program
      .command('monitor')
      .description('record a monitoring window and decide per column: spike (vs the previous window or newly over the baseline threshold), slow drift (Page–Hinkley on drift scores across windows) or none; exit 0 no dataset drift, 1 dataset drift, 2 bad input')
      .requiredOption('--baseline <profile>', 'reference mlops/profile report (.json) of the model in production, or its data')
      .requiredOption('--current <path>', "this window's data, or its mlops/profile report (.json)")
      .requiredOption('--history <dir>', 'history folder (history.json + one profile per retained window); created if absent')
      .option('--window-label <label>', "this window's name, e.g. 2026-11-23 (default: today's UTC date)")
      .option('--retention <n>', 'windows kept in the history', String(DEFAULT_RETENTION))
      .option('--report <file>', 'write the mlops/drift report here');
    addDriftFlags(cmd);
    addFormatOptions(cmd, ['text', 'json', 'github', 'markdown']);
    cmd.action(run(monitor));
  },
};

async function monitor(options: MonitorOptions, ctx: CommandContext): Promise<number> {
  const parsed = parseDriftFlags(options);
  const retention = Number(options.retention);
  if (!Number.isInteger(retention) || retention < 2 || retention > 99) throw usageError(`--retention must be an integer from 2 to 99, got '${options.retention}'`);
  const now = new Date();
  const label = options.windowLabel ?? now.toISOString().slice(0, 10);
  if (!/^[\w.:+-]{1,64}$/.test(label)) throw usageError(`--window-label must be 1–64 letters, digits or . _ : + -, got '${label}'`, 'e.g. --window-label 2026-11-23');
  const dir = resolve(ctx.cwd, options.history);

  const baseline = await loadSide(options.baseline, false, options, ctx);
  const current = await loadSide(options.current, false, options, ctx);
  if (baseline.kind !== 'profile' || current.kind !== 'profile') throw new Error('monitor compares profiles');
  const files = { baseline: options.baseline, current: options.current };
  const vsBaseline = compareProfiles(baseline.body, current.body, parsed.options, parsed.selection, files);

  let history = await readHistory(dir, baseline.baseline.fingerprint, retention);
  if (history.baseline !== baseline.baseline.fingerprint) {
    ctx.io.stderr(`note: the baseline changed (${history.baseline} → ${baseline.baseline.fingerprint}): starting a new monitoring series`);
    history = { ...history, baseline: baseline.baseline.fingerprint, windows: [] };
  }
  history = { ...history, windows: history.windows.filter((w) => w.label !== label) };
  const previous = history.windows[history.windows.length - 1];
  const previousBody = previous ? await readWindowProfile(dir, previous) : undefined;
  const vsPrevious = previousBody ? compareProfiles(previousBody, current.body, parsed.options, parsed.selection, { baseline: join(options.history, slotPath(previous!.slot)), current: options.current }).columns : undefined;

  const columns = classifyChanges(vsBaseline.columns, vsPrevious, history.windows);
  const decision = decideDataset(columns, parsed.options.datasetDriftShare);
  const window: HistoryWindow = {
    label, recordedAt: now.toISOString(), slot: nextSlot(history), rows: current.body.rows, share: decision.share, drifted: decision.drifted,
    columns: columns.map((c) => ({ column: c.column, method: c.method, statistic: c.statistic, score: driftScore(c), drifted: c.drifted, change: c.change ?? 'none' })),
  };
  const updated: MonitorHistory = appendWindow(history, window);
  const profileReport: ProfileReport = toProfileReport(current.body, { files: current.subject.dataset?.files?.map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256 ?? '' })) ?? [], now });
  await writeHistory(dir, updated, window, `${JSON.stringify(profileReport)}\n`);

  const report = toDriftReport(decision, 'profile', baseline.baseline, current.subject, { windows: updated.windows.map(toReportWindow) }, now);
  if (options.report) await writeReport(resolve(ctx.cwd, options.report), report);
  await printDriftReport(report, options, ctx, options.current);
  if (resolveFormat(options) === 'markdown') {
    const chart = renderDriftChart(updated.windows);
    if (chart) ctx.io.stdout(`\n${chart}`);
  }
  return report.drifted ? 1 : 0;
}

async function readWindowProfile(dir: string, window: HistoryWindow): Promise<ProfileBody | undefined> {
  const file = join(dir, slotPath(window.slot));
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const { kind: _k, version: _v, createdAt: _c, tool: _t, subject: _s, ...body } = parseReport(text, file, 'mlops/profile') as ProfileReport;
  return body;
}

function toReportWindow(w: HistoryWindow): DriftWindow {
  return { label: w.label, start: w.recordedAt, end: w.recordedAt, rows: w.rows, share: w.share, drifted: w.drifted, columns: w.columns.map((c) => ({ column: c.column, statistic: c.statistic, drifted: c.drifted })) };
}

