/**
 * Archive figures (README, "Large archives"): `marginalia map` and `marginalia link` as child processes, as GNU
 * parallel, Hadoop Streaming or Spark would run them. Peak memory is each child's VmHWM, read at its exit.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Article } from './corpus';
import { figure, fmt, info, section, skipped } from './report';

const MB = 1024 * 1024;

/** `count` articles from `base`, each a distinct copy (its figures shifted), as JSON Lines. */
function jsonl(base: readonly Article[], count: number): string {
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const a = base[k % base.length];
    const round = Math.floor(k / base.length);
    out.push(JSON.stringify({ id: `archive/${round}/${path.basename(a.path)}`, text: round ? a.text.replace(/\d+/g, (d) => String(Number(d) + round)) : a.text }));
  }
  return out.join('\n') + '\n';
}

interface Run {
  seconds: number;
  peakMB: number;
}

/** Runs `node dist/cli.js <args>` with stdin from a file and stdout to a file; its wall time and peak RSS. */
function run(cli: string, hook: string, args: string[], input: string, output: string): Promise<Run> {
  const rss = `${output}.rss`;
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', hook, cli, ...args], {
      stdio: [fs.openSync(input, 'r'), fs.openSync(output, 'w'), 'pipe'],
      env: { ...process.env, MARGINALIA_BENCH_RSS_OUT: rss },
    });
    let err = '';
    child.stderr?.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited with ${code}: ${err.slice(0, 300)}`));
      resolve({ seconds: (performance.now() - t) / 1000, peakMB: (Number(fs.readFileSync(rss, 'utf8')) * 1024) / MB });
    });
  });
}

/**
 * Map: articles per second on one core, the speed-up of two map processes on halves of the input, one map
 * process's peak RSS on `small` and `large` articles (it must stay flat). Link: time and peak RSS on `records`
 * map records, extrapolated linearly to 10^6 and 10^7 (the lexicon, mentions and claims it holds grow with the
 * archive; the facts step grows faster where many articles share figures and wording).
 */
export async function archiveFigures(ext: string, base: readonly Article[], tmp: string, sizes: { small: number; large: number; records: number }): Promise<void> {
  section(`archive (map and link as processes; ${base.length} distinct articles, copied with shifted figures)`);
  const cli = path.join(ext, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) return skipped('archive', 's', 'dist/cli.js missing: run node scripts/build.mjs --production');
  const hook = path.join(tmp, 'archive-rss.cjs');
  fs.writeFileSync(hook, `process.on('exit', () => { try { const s = require('fs').readFileSync('/proc/self/status', 'utf8'); require('fs').writeFileSync(process.env.MARGINALIA_BENCH_RSS_OUT, (/VmHWM:\\s+(\\d+) kB/.exec(s) || [])[1] || ''); } catch {} });\n`);
  const file = (name: string, text?: string) => {
    const p = path.join(tmp, name);
    if (text !== undefined) fs.writeFileSync(p, text);
    return p;
  };
  const small = file('small.jsonl', jsonl(base, sizes.small));
  const one = await run(cli, hook, ['map'], small, file('small.rec'));
  figure('map throughput, one core', sizes.small / one.seconds, 'articles/s', undefined, `node dist/cli.js map < ${sizes.small} articles (${fmt(fs.statSync(small).size / MB)} MB), wall clock incl. start-up`);
  figure(`map peak RSS, ${sizes.small} articles`, one.peakMB, 'MB');
  const lines = fs.readFileSync(small, 'utf8').trim().split('\n');
  const half = Math.ceil(lines.length / 2);
  const a = file('half-a.jsonl', lines.slice(0, half).join('\n') + '\n');
  const b = file('half-b.jsonl', lines.slice(half).join('\n') + '\n');
  const t = performance.now();
  await Promise.all([run(cli, hook, ['map'], a, file('half-a.rec')), run(cli, hook, ['map'], b, file('half-b.rec'))]);
  figure('map speed-up, 2 workers', one.seconds / ((performance.now() - t) / 1000), 'x', { op: '>=', limit: 1.6 }, 'two map processes on halves of the input against one on all of it (what parallel -j2 runs)');
  const large = file('large.jsonl', jsonl(base, sizes.large));
  const big = await run(cli, hook, ['map'], large, file('large.rec'));
  figure(`map peak RSS, ${sizes.large} articles`, big.peakMB, 'MB', { op: '<=', limit: one.peakMB * 1.25 }, `flat: within 25% of ${sizes.small} articles' peak`);
  fs.rmSync(large);

  // Link: records made by copying the mapped records under new ids (the map step is measured above).
  const records = fs.readFileSync(path.join(tmp, 'small.rec'), 'utf8').trim().split('\n');
  const out = fs.openSync(file('records.jsonl'), 'w');
  for (let k = 0; k < sizes.records; k++) {
    const r = JSON.parse(records[k % records.length]);
    r.id = `copy-${Math.floor(k / records.length)}/${r.id}`;
    fs.writeSync(out, JSON.stringify(r) + '\n');
  }
  fs.closeSync(out);
  const linked = await run(cli, hook, ['link', file('records.jsonl')], '/dev/null', file('linked.json'));
  figure(`link time, ${sizes.records} records`, linked.seconds, 's');
  figure(`link peak RSS, ${sizes.records} records`, linked.peakMB, 'MB');
  for (const n of [1e6, 1e7]) info(`link at ${n.toExponential(0)} (linear)`, `${fmt((linked.seconds * n) / sizes.records / 3600)} h, ${fmt((linked.peakMB * n) / sizes.records / 1024)} GB (8 GB budget at 10^6)`);
}
