/**
 * Evaluate the shipped NER model on CoNLL-2003 dev, run on raw text.
 *
 *   node out/scripts/eval-ner.js [--data DIR] [--model FILE] [--split dev|train] [--examples N]
 *
 * Each dev document is rebuilt as plain text (one sentence per line, tokens
 * detokenised as news text is written), `recognise` is called with the
 * sentence boundaries, and the predicted character spans are scored against
 * the gold spans (exact span and type). Prints per-type and micro P/R/F1,
 * model load time, throughput, and the most frequent kinds of error.
 */

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateOnConll } from '../src/core/ner/corpus';
import { scriptOptions } from './options';
import { formatScores, loadNerModel, parseConll, rebuildDocument, tokenize } from '../src/core/ner/index';

/** The repository root (this script is bundled to out/scripts/). */
const REPO = resolve(__dirname, '..', '..');

function parseArgs() {
  return scriptOptions('eval-ner', 'usage: eval-ner [--data DIR] [--model FILE] [--split dev|train] [--examples N]\n(the test split is held out)', {
    data: resolve(REPO, '../shared/data/conll2003'),
    model: resolve(REPO, 'models/ner-conll.bin'),
    split: 'dev',
    examples: 3,
  }, { paths: ['data', 'model'], choices: { split: ['dev', 'train'] } });
}

interface Span {
  start: number;
  end: number;
  type: string;
}

/** Classify the errors of one document. */
function errorKinds(gold: Span[], pred: Span[]): { kind: string; gold?: Span; pred?: Span }[] {
  const key = (s: Span) => `${s.start}:${s.end}:${s.type}`;
  const goldSet = new Set(gold.map(key));
  const predSet = new Set(pred.map(key));
  const g = gold.filter((s) => !predSet.has(key(s)));
  const p = pred.filter((s) => !goldSet.has(key(s)));
  const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
  const out: { kind: string; gold?: Span; pred?: Span }[] = [];
  const usedPred = new Set<Span>();
  for (const gs of g) {
    const ov = p.filter((ps) => overlaps(gs, ps));
    if (!ov.length) {
      out.push({ kind: `missed ${gs.type}`, gold: gs });
      continue;
    }
    for (const ps of ov) {
      if (usedPred.has(ps)) continue;
      usedPred.add(ps);
      const sameSpan = ps.start === gs.start && ps.end === gs.end;
      if (sameSpan) out.push({ kind: `wrong type: ${gs.type} tagged ${ps.type}`, gold: gs, pred: ps });
      else {
        const shape = ps.start <= gs.start && ps.end >= gs.end ? 'too long' : ps.start >= gs.start && ps.end <= gs.end ? 'too short' : 'shifted';
        out.push({ kind: ps.type === gs.type ? `boundary ${gs.type} (${shape})` : `boundary+type: ${gs.type} tagged ${ps.type} (${shape})`, gold: gs, pred: ps });
      }
    }
  }
  for (const ps of p) {
    if (usedPred.has(ps)) continue;
    if (gold.some((gs) => overlaps(gs, ps))) continue; // overlaps a correctly found entity: counted there
    out.push({ kind: `spurious ${ps.type}`, pred: ps });
  }
  return out;
}

function main() {
  const args = parseArgs();
  const file = resolve(args.data, `${args.split}.txt`);
  if (!existsSync(file)) {
    console.error(`eval-ner: CoNLL-2003 file not found: ${file}\nPass --data DIR (default ../shared/data/conll2003 relative to the repo).`);
    process.exit(2);
  }
  if (!existsSync(args.model)) {
    console.error(`eval-ner: model not found: ${args.model} (train one with npm run train:ner)`);
    process.exit(2);
  }
  const docs = parseConll(readFileSync(file, 'utf8'));
  const bytes = new Uint8Array(readFileSync(args.model));
  const t0 = performance.now();
  const model = loadNerModel(bytes);
  const loadMs = performance.now() - t0;
  console.log(`model ${args.model}: ${model.id}, ${(bytes.length / 1048576).toFixed(2)} MB, loaded in ${loadMs.toFixed(0)} ms`);

  // First (cold) pass: scored. Then timed warm passes.
  const res = evaluateOnConll(model, docs);
  const rebuilt = docs.map((d) => rebuildDocument(d));
  let tokens = 0;
  for (const r of rebuilt) for (const s of r.sentences) tokens += tokenize(r.text, s.start, s.end).length;
  const warm: number[] = [];
  const warmCpu: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const t = performance.now();
    const c = process.cpuUsage();
    for (const r of rebuilt) model.recognise(r.text, r.sentences);
    warm.push(performance.now() - t);
    const cu = process.cpuUsage(c);
    warmCpu.push((cu.user + cu.system) / 1000);
  }
  warm.sort((a, b) => a - b);
  warmCpu.sort((a, b) => a - b);
  const mb = res.chars / 1e6;
  const fmt = (ms: number) => `${(mb / (ms / 1000)).toFixed(2)} MB/s, ${Math.round(tokens / (ms / 1000)).toLocaleString('en')} tokens/s`;
  console.log(`\n${args.split}: ${docs.length} documents, ${tokens} tokens, ${(mb * 1e6).toLocaleString('en')} characters`);
  console.log(`throughput, first pass (cold JIT and caches): ${fmt(res.ms)}`);
  console.log(`throughput, warm, best of 5 passes:           ${fmt(warm[0])} (median ${fmt(warm[2])})`);
  console.log(`throughput, warm, by CPU time, best of 5:     ${fmt(warmCpu[0])} (counts only this process's CPU time: use on a busy machine)`);
  console.log(`\nCoNLL-2003 ${args.split}, entity level (exact span and type):\n${formatScores(res.scores)}`);

  // Generalisation: recall on gold entities none of whose words occur anywhere in train.txt.
  const trainFile = resolve(args.data, 'train.txt');
  if (args.split === 'dev' && existsSync(trainFile)) {
    const vocab = new Set<string>();
    for (const d of parseConll(readFileSync(trainFile, 'utf8'))) for (const s of d.sentences) for (const t of s.tokens) vocab.add(t);
    const byType = new Map<string, { n: number; found: number }>();
    for (const d of res.docs) {
      const pred = new Set(d.pred.map((p) => `${p.start}:${p.end}:${p.type}`));
      for (const g of d.gold) {
        const words = d.text.slice(g.start, g.end).split(/\s+/);
        if (words.some((w) => vocab.has(w))) continue;
        for (const k of [g.type, 'all']) {
          let c = byType.get(k);
          if (!c) byType.set(k, (c = { n: 0, found: 0 }));
          c.n++;
          if (pred.has(`${g.start}:${g.end}:${g.type}`)) c.found++;
        }
      }
    }
    const row = (k: string) => {
      const c = byType.get(k) ?? { n: 0, found: 0 };
      return `${k} ${c.n ? ((100 * c.found) / c.n).toFixed(1) : '-'}% of ${c.n}`;
    };
    console.log(`\nrecall on entities with no word seen in train.txt: ${['PER', 'ORG', 'LOC', 'MISC', 'all'].map(row).join(', ')}`);
  }

  // Are scores calibrated? Precision of predicted spans by score band.
  const bands = [0, 0.5, 0.7, 0.9, 0.97, 1.0001];
  const hist = bands.slice(1).map(() => ({ n: 0, ok: 0 }));
  for (const d of res.docs) {
    const gold = new Set(d.gold.map((g) => `${g.start}:${g.end}:${g.type}`));
    for (const p of d.pred) {
      const b = bands.findIndex((x, i) => (p.score ?? 1) >= x && (p.score ?? 1) < bands[i + 1]);
      if (b < 0) continue;
      hist[b].n++;
      if (gold.has(`${p.start}:${p.end}:${p.type}`)) hist[b].ok++;
    }
  }
  console.log(`\nprecision by span score: ${hist.map((h, i) => `[${bands[i]}, ${Math.min(1, bands[i + 1])}${i === hist.length - 1 ? ']' : ')'} ${h.n ? ((100 * h.ok) / h.n).toFixed(1) : '-'}% of ${h.n}`).join('; ')}`);

  const kinds = new Map<string, { count: number; examples: string[] }>();
  for (const d of res.docs) {
    for (const e of errorKinds(d.gold, d.pred)) {
      let k = kinds.get(e.kind);
      if (!k) kinds.set(e.kind, (k = { count: 0, examples: [] }));
      k.count++;
      if (k.examples.length < args.examples) {
        const show = (s?: Span) => (s ? `"${d.text.slice(s.start, s.end)}"` : '');
        k.examples.push(e.gold && e.pred ? `${show(e.gold)} → ${show(e.pred)}` : show(e.gold ?? e.pred));
      }
    }
  }
  const sorted = [...kinds.entries()].sort((a, b) => b[1].count - a[1].count);
  const total = sorted.reduce((a, [, v]) => a + v.count, 0);
  console.log(`\nerrors by kind (${total} in all; MISC included):`);
  for (const [kind, v] of sorted.slice(0, 20)) {
    console.log(`${String(v.count).padStart(5)}  ${kind.padEnd(42)} e.g. ${v.examples.join(', ')}`);
  }
}

main();
