/**
 * Benchmark of re-anchoring after an outside edit: a 1 MB article built from the seed articles
 * repeated, 10,000 annotations (names, quotes, sentences), a handful of edits made "outside the
 * editor" (a paragraph inserted, one deleted, one moved, a word replaced inside an annotation, a
 * typo, quote marks swapped), then:
 *   - `reanchor` over all annotations (the engine);
 *   - the naive way: for each annotation, the best-scoring occurrence of its quote over the whole
 *     text (exact occurrences first, else approx-string-match with up to len/2 errors, each scored on
 *     quote, prefix and suffix similarity as Hypothesis does). It is far too slow to run on all 10,000,
 *     so a sample is timed and the total extrapolated (said so in the output).
 *
 * Output: `name: value unit` lines. Usage: node out/scripts/bench-anchoring.js [--naive-sample N]
 */
import { describe, reanchor } from '../src/core/anchoring';
import { mulberry32 } from '../src/core/random';
import { readSeeds, repoRoot } from './bench/corpus';
import { naiveAnchor } from './bench/naive-anchor';

const TARGET_SIZE = 1_000_000;
const ANNOTATIONS = 10_000;

function buildArticle(): string {
  const seeds = readSeeds(repoRoot()).map((a) => a.text);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < TARGET_SIZE; i++) {
    // Number each copy's paragraphs so that the repeats are similar, not identical, like a long feed.
    const s = seeds[i % seeds.length].replace(/\n(?=\S)/g, `\n[${i}] `);
    parts.push(s);
    size += s.length + 2;
  }
  return parts.join('\n\n').slice(0, TARGET_SIZE);
}

function pickSpans(text: string, n: number, r: () => number): [number, number][] {
  const all: [number, number][] = [];
  for (const m of text.matchAll(/\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*/g)) all.push([m.index!, m.index! + m[0].length]);
  for (const m of text.matchAll(/["“][^"“”\n]{2,200}["”]/g)) all.push([m.index!, m.index! + m[0].length]);
  for (const m of text.matchAll(/[^.!?\n]{20,}[.!?]/g)) all.push([m.index!, m.index! + m[0].length]);
  const out: [number, number][] = [];
  const seen = new Set<string>();
  while (out.length < n && seen.size < all.length) {
    const s = all[Math.floor(r() * all.length)];
    const k = `${s[0]}:${s[1]}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(s);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** A few outside edits, applied back to front so that each offset refers to the original text. */
function editOutside(text: string, spans: [number, number][], r: () => number): string {
  const edits: [number, number, string][] = [];
  const lineStart = (o: number) => text.lastIndexOf('\n', o) + 1;
  const lineEnd = (o: number) => {
    const e = text.indexOf('\n', o);
    return e < 0 ? text.length : e + 1;
  };
  // 1. A new paragraph at 10 %.
  edits.push([lineStart(text.length * 0.1), 0, 'Breaking: Biden and Putin spoke again on Friday, officials said.\n']);
  // 2. A paragraph deleted at 40 %.
  {
    const a = lineStart(text.length * 0.4);
    edits.push([a, lineEnd(a) - a, '']);
  }
  // 3. A word replaced inside an annotation at 60 %.
  {
    const s = spans.find(([a]) => a > text.length * 0.6)!;
    edits.push([s[0], Math.min(3, s[1] - s[0]), 'Xyz']);
  }
  // 4. A typo at 80 %.
  {
    const s = spans.find(([a, b]) => a > text.length * 0.8 && b - a > 6)!;
    edits.push([s[0] + 2, 1, '']);
  }
  // 5. Quote marks swapped in a paragraph at 50 %.
  {
    const a = lineStart(text.length * 0.5);
    const e = lineEnd(a);
    for (let i = a; i < e; i++) if (text[i] === '"') edits.push([i, 1, '“']);
  }
  // 6. A paragraph moved from 70 % to 90 %.
  {
    const a = lineStart(text.length * 0.7);
    const e = lineEnd(a);
    const moved = text.slice(a, e);
    edits.push([a, e - a, '']);
    edits.push([lineStart(text.length * 0.9), 0, moved]);
  }
  void r;
  edits.sort((x, y) => y[0] - x[0]);
  let out = text;
  for (const [o, d, ins] of edits) out = out.slice(0, o) + ins + out.slice(o + d);
  return out;
}

function main(): void {
  const args = process.argv.slice(2);
  const sampleArg = args.indexOf('--naive-sample');
  const naiveSample = sampleArg >= 0 ? Number(args[sampleArg + 1]) : 100;
  const r = mulberry32(42);
  const text = buildArticle();
  const spans = pickSpans(text, ANNOTATIONS, r);
  const targets = spans.map(([a, b]) => describe(text, a, b));
  const edited = editOutside(text, spans, r);
  const crlf = edited.replace(/\n/g, '\r\n');

  console.log(`article size: ${text.length} chars`);
  console.log(`annotations: ${targets.length} count`);

  // Warm up once (JIT), then time a few runs and report the median (wall clock and CPU: on a busy
  // machine the wall clock includes waiting for a core).
  reanchor(edited, targets);
  const times: number[] = [];
  const cpu: number[] = [];
  let res = reanchor(edited, targets);
  for (let k = 0; k < 9; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    res = reanchor(edited, targets);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const by = (s: string) => res.filter((x) => x.status === s).length;
  console.log(`reanchor after outside edits (median of 9): ${times[4].toFixed(1)} ms`);
  console.log(`reanchor after outside edits (CPU time, median of 9): ${cpu[4].toFixed(1)} ms`);
  console.log(`reanchor fastest run: ${times[0].toFixed(1)} ms`);
  console.log(`reanchor anchored (same offsets): ${by('anchored')} count`);
  console.log(`reanchor moved: ${by('moved')} count`);
  console.log(`reanchor orphaned: ${by('orphaned')} count`);
  const methods = new Map<string, number>();
  for (const x of res) if (x.method) methods.set(x.method, (methods.get(x.method) ?? 0) + 1);
  for (const [m, n] of methods) console.log(`reanchor method ${m}: ${n} count`);

  const t1 = performance.now();
  const resCrlf = reanchor(crlf, targets);
  console.log(`reanchor after edits + LF->CRLF: ${(performance.now() - t1).toFixed(1)} ms`);
  console.log(`reanchor after edits + LF->CRLF orphaned: ${resCrlf.filter((x) => x.status === 'orphaned').length} count`);

  const t2 = performance.now();
  const unchanged = reanchor(text, targets);
  console.log(`reanchor on unchanged text: ${(performance.now() - t2).toFixed(1)} ms`);
  console.log(`reanchor on unchanged text anchored: ${unchanged.filter((x) => x.status === 'anchored').length} count`);

  // A heavier day: 200 scattered edits (words replaced, sentences deleted, paragraphs inserted).
  let heavy = edited;
  for (let k = 0; k < 200; k++) {
    const at = Math.floor(r() * heavy.length);
    const kind = k % 3;
    if (kind === 0) heavy = heavy.slice(0, at) + 'inserted words here ' + heavy.slice(at);
    else if (kind === 1) heavy = heavy.slice(0, at) + heavy.slice(at + 40);
    else heavy = heavy.slice(0, at) + '\nA new paragraph about the talks in Geneva.\n' + heavy.slice(at);
  }
  const c4 = process.cpuUsage();
  const t4 = performance.now();
  const resHeavy = reanchor(heavy, targets);
  const c4d = process.cpuUsage(c4);
  console.log(`reanchor after 200 more scattered edits: ${(performance.now() - t4).toFixed(1)} ms`);
  console.log(`reanchor after 200 more scattered edits (CPU time): ${((c4d.user + c4d.system) / 1000).toFixed(1)} ms`);
  console.log(`reanchor after 200 more scattered edits orphaned: ${resHeavy.filter((x) => x.status === 'orphaned').length} count`);

  // The naive way, on an evenly spread sample, extrapolated.
  const step = Math.max(1, Math.floor(targets.length / naiveSample));
  let n = 0;
  const t3 = performance.now();
  for (let i = 0; i < targets.length && n < naiveSample; i += step, n++) naiveAnchor(edited, targets[i]);
  const perAnnotation = (performance.now() - t3) / n;
  console.log(`naive full-text search per annotation (sample of ${n}): ${perAnnotation.toFixed(2)} ms`);
  console.log(`naive full-text search for all ${targets.length} (extrapolated from the sample): ${((perAnnotation * targets.length) / 1000).toFixed(1)} s`);
  console.log(`speed-up over naive: ${((perAnnotation * targets.length) / times[2]).toFixed(0)} x`);
}

main();
