/**
 * Archive figures (README, "Large archives"): `marginalia map` and `marginalia link` as child processes, as GNU
 * parallel, Hadoop Streaming or Spark would run them. Peak memory is each child's VmHWM, read at its exit.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Article } from './corpus';
import { figure, fmt, info, median, section, skipped } from './report';

const MB = 1024 * 1024;
/** Rounds of the 2-worker speed-up (one process, then the pair), of which the median is reported. */
const SPEEDUP_ROUNDS = 3;

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

/** Lower-case words shifted by the copy number (two shifts, by a letter's place in the word): distinct wording per copy, offsets kept. */
function encipher(text: string, copy: number): string {
  const a = 1 + (copy % 25);
  const b = 1 + (Math.floor(copy / 25) % 25);
  return text.replace(/\b[a-z]+\b/g, (w) => [...w].map((c, i) => String.fromCharCode(97 + ((c.charCodeAt(0) - 97 + (i % 2 ? b : a)) % 26))).join(''));
}

interface Run {
  seconds: number;
  peakMB: number;
  /** The child's own CPU time (user + system): on a shared machine the wall clock includes waiting for a core. */
  cpuSeconds: number;
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
      const [kb, cpuMs] = fs.readFileSync(rss, 'utf8').split(' ').map(Number);
      resolve({ seconds: (performance.now() - t) / 1000, peakMB: (kb * 1024) / MB, cpuSeconds: cpuMs / 1000 });
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
  fs.writeFileSync(hook, `process.on('exit', () => { try { const s = require('fs').readFileSync('/proc/self/status', 'utf8'); const c = process.cpuUsage(); require('fs').writeFileSync(process.env.MARGINALIA_BENCH_RSS_OUT, ((/VmHWM:\\s+(\\d+) kB/.exec(s) || [])[1] || '') + ' ' + (c.user + c.system) / 1000); } catch {} });\n`);
  const file = (name: string, text?: string) => {
    const p = path.join(tmp, name);
    if (text !== undefined) fs.writeFileSync(p, text);
    return p;
  };
  const small = file('small.jsonl', jsonl(base, sizes.small));
  const one = await run(cli, hook, ['map'], small, file('small.rec'));
  figure('map throughput, one core', sizes.small / one.seconds, 'articles/s', undefined, `node dist/cli.js map < ${sizes.small} articles (${fmt(fs.statSync(small).size / MB)} MB), wall clock incl. start-up`);
  figure('map throughput per CPU second', sizes.small / one.cpuSeconds, 'articles/s', undefined, `the same run by the process's own CPU time (${fmt(one.cpuSeconds)} s): what one free core does`);
  figure(`map peak RSS, ${sizes.small} articles`, one.peakMB, 'MB');
  const large = file('large.jsonl', jsonl(base, sizes.large));
  const big = await run(cli, hook, ['map'], large, file('large.rec'));
  figure(`map peak RSS, ${sizes.large} articles`, big.peakMB, 'MB', { op: '<=', limit: one.peakMB * 1.5 }, `flat: no article is kept; what grows between ${sizes.small} and ${sizes.large} articles is the tagger's word cache, which is emptied at 100,000 words`);
  figure(`map throughput per CPU second, ${sizes.large} articles`, sizes.large / big.cpuSeconds, 'articles/s', undefined, `what one free core does once the process has started (CPU ${fmt(big.cpuSeconds)} s)`);
  // The speed-up on the large input: on a small one each process's start (loading the tagger, warming up) is much of the run.
  // One process and the pair run in turns, SPEEDUP_ROUNDS times, and the median ratio is the figure: on a shared
  // machine a single pair of runs is off by a third whenever another job takes a core for a few seconds.
  const lines = fs.readFileSync(large, 'utf8').trim().split('\n');
  const half = Math.ceil(lines.length / 2);
  const a = file('half-a.jsonl', lines.slice(0, half).join('\n') + '\n');
  const b = file('half-b.jsonl', lines.slice(half).join('\n') + '\n');
  const load = os.loadavg()[0];
  const ratios: number[] = [];
  const notes: string[] = [];
  for (let round = 0; round < SPEEDUP_ROUNDS; round++) {
    const single = round === 0 ? big : await run(cli, hook, ['map'], large, file('large.rec'));
    const t = performance.now();
    const halves = await Promise.all([run(cli, hook, ['map'], a, file('half-a.rec')), run(cli, hook, ['map'], b, file('half-b.rec'))]);
    const pair = (performance.now() - t) / 1000;
    ratios.push(single.seconds / pair);
    notes.push(`${fmt(single.seconds)} s against ${fmt(pair)} s, CPU ${fmt(halves[0].cpuSeconds + halves[1].cpuSeconds)} s against ${fmt(single.cpuSeconds)} s`);
  }
  figure('map speed-up, 2 workers', median(ratios), 'x', { op: '>=', limit: 1.6 }, `two map processes on halves of the ${sizes.large} articles against one on all of them (what parallel -j2 runs), wall clock, median of ${SPEEDUP_ROUNDS} rounds run in turns (${ratios.map((r) => fmt(r)).join(', ')}: ${notes.join('; ')}); load average before: ${load.toFixed(2)}`);
  for (const f of [a, b, file('half-a.rec'), file('half-b.rec')]) fs.rmSync(f);
  fs.rmSync(large);

  // Link: records made by copying the mapped records under new ids (the map step is measured above), at a tenth of
  // the size and at the size, so the extrapolation follows what grows with the records, not the fixed start-up.
  // Each copy's lower-case words are enciphered (same length, so every offset holds): a hundred word-for-word copies
  // would make every claim a fact a hundred times over, which no archive is. Names stay as they are, so the archive's
  // cast is the originals' (a real archive's grows, more slowly than its articles).
  const records = fs.readFileSync(path.join(tmp, 'small.rec'), 'utf8').trim().split('\n');
  const links: Run[] = [];
  const counts = [Math.max(1, Math.round(sizes.records / 10)), sizes.records];
  for (const count of counts) {
    const out = fs.openSync(file('records.jsonl'), 'w');
    for (let k = 0; k < count; k++) {
      const r = JSON.parse(records[k % records.length]);
      const copy = Math.floor(k / records.length);
      r.id = `copy-${copy}/${r.id}`;
      if (copy) {
        r.text = encipher(r.text, copy);
        for (const n of r.names) n[3] = encipher(n[3], copy);
      }
      fs.writeSync(out, JSON.stringify(r) + '\n');
    }
    fs.closeSync(out);
    const linked = await run(cli, hook, ['link', file('records.jsonl')], '/dev/null', file('linked.json'));
    figure(`link time, ${count} records`, linked.seconds, 's', undefined, `wall clock; CPU ${fmt(linked.cpuSeconds)} s`);
    figure(`link peak RSS, ${count} records`, linked.peakMB, 'MB');
    links.push(linked);
  }
  const [few, many] = links;
  const perRecord = { cpu: (many.cpuSeconds - few.cpuSeconds) / (counts[1] - counts[0]), mb: (many.peakMB - few.peakMB) / (counts[1] - counts[0]) };
  for (const n of [1e6, 1e7]) {
    const cpu = many.cpuSeconds + perRecord.cpu * (n - counts[1]);
    const gb = (many.peakMB + perRecord.mb * (n - counts[1])) / 1024;
    info(`link at ${n.toExponential(0)} (extrapolated)`, `${fmt(cpu / 3600)} h of CPU, ${fmt(gb)} GB peak RSS (${n === 1e6 ? 'budget 8 GB' : 'beyond one machine of 8 GB: see README, Large archives'}), from the growth between ${counts[0]} and ${counts[1]} records`);
  }
}
