/**
 * Output of `npm run bench`: one `name: value unit` line per figure as it is measured, then a summary
 * table of the targets (value, target, PASS / MISS / SKIP).
 */

export interface Target {
  /** `<=`: the value must not exceed `limit`; `>=`: it must reach it. */
  op: '<=' | '>=';
  limit: number;
}

interface Row {
  name: string;
  value?: number;
  unit: string;
  target: Target;
  note?: string;
  skipped?: string;
}

const rows: Row[] = [];

/** Rounds for display: 3 significant digits below 100, whole numbers above. */
export function fmt(v: number): string {
  if (!Number.isFinite(v) || Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toPrecision(3);
}

/** Prints one figure; with a target it also goes into the summary. */
export function figure(name: string, value: number, unit: string, target?: Target, note?: string): void {
  console.log(`${name}: ${fmt(value)} ${unit}${note ? `  (${note})` : ''}`);
  if (target) rows.push({ name, value, unit, target, note });
}

/** A line of context that is not a figure (sizes of inputs, what was measured how). */
export function info(name: string, text: string): void {
  console.log(`${name}: ${text}`);
}

/** A figure that could not be measured in this run, with the reason. */
export function skipped(name: string, unit: string, reason: string, target?: Target): void {
  console.log(`${name}: skipped (${reason})`);
  if (target) rows.push({ name, unit, target, skipped: reason });
}

export function section(title: string): void {
  console.log(`\n# ${title}`);
}

function verdict(r: Row): string {
  if (r.skipped !== undefined || r.value === undefined) return 'SKIP';
  return (r.target.op === '<=' ? r.value <= r.target.limit : r.value >= r.target.limit) ? 'PASS' : 'MISS';
}

/** How far off a missed figure is, as a factor of the target. */
function margin(r: Row): string {
  if (r.value === undefined || r.skipped !== undefined) return '';
  if (r.target.op === '<=') return r.value <= r.target.limit ? '' : `${fmt(r.value / r.target.limit)}x over`;
  return r.value >= r.target.limit ? '' : r.value > 0 ? `${fmt(r.target.limit / r.value)}x short` : 'none';
}

/** The closing table; returns the counts. */
export function summary(totalSeconds: number): { pass: number; miss: number; skip: number } {
  const lines = rows.map((r) => ({
    name: r.name,
    target: `${r.target.op} ${fmt(r.target.limit)} ${r.unit}`,
    value: r.value === undefined ? '-' : `${fmt(r.value)} ${r.unit}`,
    verdict: verdict(r),
    note: r.skipped ?? [margin(r), r.note].filter(Boolean).join('; '),
  }));
  const w = (k: 'name' | 'target' | 'value') => Math.max(k.length, ...lines.map((l) => l[k].length));
  const [wn, wt, wv] = [w('name'), w('target'), w('value')];
  console.log('\n# summary');
  console.log(`${'figure'.padEnd(wn)}  ${'target'.padEnd(wt)}  ${'value'.padEnd(wv)}  result`);
  for (const l of lines) console.log(`${l.name.padEnd(wn)}  ${l.target.padEnd(wt)}  ${l.value.padEnd(wv)}  ${l.verdict}${l.note ? `  ${l.note}` : ''}`);
  const count = (v: string) => lines.filter((l) => l.verdict === v).length;
  const res = { pass: count('PASS'), miss: count('MISS'), skip: count('SKIP') };
  console.log(`\nbench: ${res.pass} targets met, ${res.miss} missed, ${res.skip} skipped in ${totalSeconds.toFixed(0)} s`);
  return res;
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}
