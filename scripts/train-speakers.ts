/**
 * Train the quote speaker chooser on PolNeAR's train split and write models/speaker-polnear.json.
 *
 *   npm run train:speakers -- [--polnear DIR] [--out FILE] [--epochs N] [--l2 X] [--min-count N] [--seed N] [--no-average]
 *
 * The defaults (12 epochs, L2 3e-3, min count 10, seed 1, averaged weights) reproduce the shipped model.
 *
 * DIR defaults to ../shared/data/polnear (see its README; the data is not part of the project). Reads only
 * DIR/train; when DIR/dev is there, the new model is measured on it at the end (never trained on).
 * Steps: (1) a cue-verb lexicon drawn from the words standing next to gold sources; (2) the articles analysed
 * as the CLI does (names, quotes), every quote's speaker candidates with their features; a candidate is right
 * when the scorer would count it right; (3) a linear model over the candidates of each quote (softmax, several
 * right answers allowed), trained with AdaGrad; weights kept for features seen at least --min-count times and
 * averaged over all updates (steadier than the last iterate). The hand rules' pick is a feature (with which rule
 * made it), so the model learns when to follow them; (4) the rule gate: by 5-fold cross-validation over articles,
 * the kinds of rule pick that beat the model where the two disagree (sign test, --gate-z) decide for themselves.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeArticles } from '../src/core';
import { parseArticle } from '../src/core/document';
import { findQuotes, type QuoteSpan } from '../src/core/quotes/scan';
import { gatedRulePick, ruleKindOf, speakerModelFrom, SPEAKER_FEATURE_VERSION, type SpeakerCandidate, type SpeakerModelData } from '../src/core/quotes/speakers';
import { speakerCandidates, speakerKey } from '../src/core/quotes/candidates';
import { SpeakerContext } from '../src/core/quotes/context';
import { HAND_CUES } from '../src/core/quotes/lexicon';
import { loadRecogniser } from '../src/node/recogniser';
import { scriptOptions } from './options';
import { evaluatePolnear, readPolnear, speakerRight, type PolnearDoc, type PolnearQuote } from './eval-polnear';

const REPO = resolve(__dirname, '..', '..');

export function args() {
  const a = scriptOptions('train-speakers', 'usage: train-speakers [--polnear DIR] [--out FILE] [--epochs N] [--l2 X] [--min-count N] [--seed N] [--no-average] [--folds K] [--gate-z Z]', {
    polnear: resolve(REPO, '../shared/data/polnear'), out: resolve(REPO, 'models/speaker-polnear.json'), epochs: 12, l2: 3e-3, minCount: 10, seed: 1, noAverage: false, folds: 5, gateZ: 1.645,
  }, { paths: ['polnear', 'out'] });
  return { ...a, average: !a.noAverage };
}

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

const WORD = /[\p{L}]+/gu;
const SKIP = new Set(['also', 'later', 'then', 'has', 'had', 'have', 'was', 'is', 'would', 'will', 'once', 'recently', 'previously', 'repeatedly', 'again', 'further', 'earlier', 'and', 'who', 'the', 'a', 'to', 'in', 'of', 'on', 'at', 'for', 'that', 'with', 'by', 'from', 'as', 'it', 'but', 'not', 'an', 'this', 'his', 'her', 'their', 'its', 'be', 'are', 'were', 'been']);

/** Words that stand right after (`X said`) or right before (`said X`) a gold source, far more often than chance. */
export function cueLexicon(docs: readonly PolnearDoc[]): string[] {
  const near = new Map<string, number>();
  const total = new Map<string, number>();
  for (const d of docs) {
    for (const m of d.text.matchAll(WORD)) if (m[0] === m[0].toLowerCase()) total.set(m[0], (total.get(m[0]) ?? 0) + 1);
    const seen = new Set<string>();
    for (const q of d.quotes) {
      const s = q.source;
      if (!s || seen.has(`${s.start}`)) continue;
      seen.add(`${s.start}`);
      const words = [...d.text.slice(s.end, s.end + 40).matchAll(WORD)].slice(0, 3).map((m) => m[0]);
      const firstAfter = words.find((w) => !SKIP.has(w));
      const before = [...d.text.slice(Math.max(0, s.start - 30), s.start).matchAll(WORD)].map((m) => m[0]).pop();
      for (const w of [firstAfter, before]) if (w && w === w.toLowerCase() && w.length >= 3 && !SKIP.has(w)) near.set(w, (near.get(w) ?? 0) + 1);
    }
  }
  const hand = new Set(HAND_CUES);
  return [...near.entries()]
    .filter(([w, n]) => !hand.has(w) && n >= 3 && n / (total.get(w) ?? n) >= 0.2 && /(?:ed|s)$/.test(w)) // verbs: `fumed`, `tweets`
    .sort((a, b) => b[1] - a[1])
    .map(([w]) => w);
}

interface Example {
  candidates: SpeakerCandidate[];
  right: boolean[];
  /** Which hand rule picked a speaker for the quote (null: they gave none), and the article it is in (for folds). */
  rule: string | null;
  doc: number;
}

const TRIM = /[\s"“”'‘’`.,;:!?…()[\]{}\-—–―]/;
function norm(text: string, s: number, e: number): [number, number] {
  while (s < e && TRIM.test(text[s])) s++;
  while (e > s && TRIM.test(text[e - 1])) e--;
  return [s, e];
}

/** The gold quote a found quote stands for (most overlap), or null; 'ignore' for quotations the corpus left unannotated. */
function goldFor(d: PolnearDoc, q: QuoteSpan): PolnearQuote | 'ignore' | null {
  const [s, e] = norm(d.text, q.start, q.end);
  let best: PolnearQuote | null = null;
  let bestO = 0;
  for (const g of d.quotes) {
    const [gs, ge] = norm(d.text, g.start, g.end);
    const o = Math.min(e, ge) - Math.max(s, gs);
    if (o > bestO) { bestO = o; best = g; }
  }
  if (best) return best;
  return d.ignore.some((x) => x.start < e && s < x.end) ? 'ignore' : null;
}

export function examplesOf(docs: readonly PolnearDoc[], model: ReturnType<typeof speakerModelFrom>): Example[] {
  const recogniser = loadRecogniser();
  const out: Example[] = [];
  for (let b = 0; b < docs.length; b += 80) {
    const batch = docs.slice(b, b + 80);
    const result = analyzeArticles(batch.map((d) => ({ path: d.file, text: d.text })), { recogniser, speakerModel: model });
    batch.forEach((d, i) => {
      const doc = parseArticle(d.file, d.text);
      const spans = findQuotes(doc.text, doc.blocks, []);
      const ctx = new SpeakerContext(doc, spans, result.documents[i].entities, model);
      let previous: { speaker: SpeakerCandidate | null; span: QuoteSpan } | null = null;
      const spoken = new Set<string>();
      spans.forEach((span, qi) => {
        const candidates = speakerCandidates(ctx, qi, previous, spoken);
        const g = goldFor(d, span);
        if (g === 'ignore') return;
        const right = candidates.map((c) => {
          if (c.kind === 'NONE') return !g || !g.source;
          if (!g) return false;
          return speakerRight(g, { name: c.name, entityId: c.entityId, start: c.start, end: c.end });
        });
        // Teacher forcing: the next quote sees the right speaker of this one (a named one if there is).
        const k = right.findIndex((r, j) => r && candidates[j].kind !== 'NONE' && candidates[j].kind !== 'PRONOUN' && candidates[j].kind !== 'PREV');
        const k2 = k >= 0 ? k : right.findIndex((r, j) => r && candidates[j].kind !== 'NONE');
        if (k2 >= 0) {
          previous = { speaker: candidates[k2], span };
          const key = speakerKey(candidates[k2]);
          if (key) spoken.add(key);
        }
        if (right.some(Boolean)) out.push({ candidates, right, rule: ctx.rules[qi]?.rule ?? null, doc: b + i });
      });
    });
    process.stdout.write(`  analysed ${Math.min(b + 80, docs.length)}/${docs.length} articles\r`);
  }
  process.stdout.write('\n');
  return out;
}

export function train(examples: Example[], a: ReturnType<typeof args>, quiet = false): Map<string, number> {
  const count = new Map<string, number>();
  for (const ex of examples) for (const c of ex.candidates) for (const f of c.features) count.set(f, (count.get(f) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [f, n] of count) if (n >= a.minCount) index.set(f, index.size);
  const X = examples.map((ex) => ex.candidates.map((c) => Int32Array.from(c.features.map((f) => index.get(f) ?? -1).filter((i) => i >= 0))));
  const w = new Float64Array(index.size);
  // Averaged weights (every update also counted with its time step, so the mean of all iterates is w - u / t).
  const u = new Float64Array(index.size);
  let t = 1;
  const g2 = new Float64Array(index.size).fill(1e-8);
  const lr = 0.2;
  const rand = rng(a.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 1; epoch <= a.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    let loss = 0;
    let correct = 0;
    for (const e of order) {
      const xs = X[e];
      const right = examples[e].right;
      const s = xs.map((x) => { let t = 0; for (const k of x) t += w[k]; return t; });
      const max = Math.max(...s);
      const p = s.map((v) => Math.exp(v - max));
      const z = p.reduce((x, y) => x + y, 0);
      let zr = 0;
      p.forEach((v, j) => { if (right[j]) zr += v; });
      loss -= Math.log(zr / z);
      let best = 0;
      s.forEach((v, j) => { if (v > s[best]) best = j; });
      if (right[best]) correct++;
      // d(-log sum_right p)/d s_j = p_j/z - [right] p_j/zr
      xs.forEach((x, j) => {
        const grad = p[j] / z - (right[j] ? p[j] / zr : 0);
        if (grad === 0) return;
        for (const k of x) {
          const gk = grad + a.l2 * w[k];
          g2[k] += gk * gk;
          const d = (lr * gk) / Math.sqrt(g2[k]);
          w[k] -= d;
          u[k] -= t * d;
        }
      });
      t++;
    }
    if (!quiet) console.log(`  epoch ${epoch}: loss ${(loss / order.length).toFixed(4)}, right first ${(correct / order.length).toFixed(4)}`);
  }
  const out = new Map<string, number>();
  for (const [f, i] of index) {
    const v = a.average ? w[i] - u[i] / t : w[i];
    if (Math.abs(v) >= 1e-3) out.set(f, Math.round(v * 1e4) / 1e4);
  }
  return out;
}

/**
 * Where the hand rules should decide (SpeakerModelData.ruleGate): by cross-validation over articles, a model
 * trained on the other folds ranks each held-out quote; where its first pick and the rules' pick differ and one
 * of them is right, count who was. A kind of rule pick (`after`, `before`, `according`, …, and each with the
 * picked candidate's kind) enters the gate when the rules won more often, by a one-sided sign test at `gateZ`.
 */
export function ruleGate(examples: Example[], a: ReturnType<typeof args>): { gate: string[]; table: Map<string, { rules: number; model: number }> } {
  const table = new Map<string, { rules: number; model: number }>();
  const bump = (key: string, rulesWon: boolean) => {
    const t = table.get(key) ?? { rules: 0, model: 0 };
    if (rulesWon) t.rules++; else t.model++;
    table.set(key, t);
  };
  for (let k = 0; k < a.folds; k++) {
    const fold = examples.filter((e) => e.doc % a.folds === k);
    const rest = examples.filter((e) => e.doc % a.folds !== k);
    console.log(`  gate fold ${k + 1}/${a.folds}: training on ${rest.length} quotes`);
    const w = train(rest, { ...a, epochs: a.epochs }, true);
    const open = { id: 'fold', cues: new Set<string>(), ruleGate: new Set(['after', 'according', 'before', 'sentence', 'continues', 'other']), weight: (f: string) => w.get(f) ?? 0 };
    for (const ex of fold) {
      if (!ex.rule) continue;
      const scores = ex.candidates.map((c) => c.features.reduce((s, f) => s + (w.get(f) ?? 0), 0));
      let best = 0;
      scores.forEach((v, j) => { if (v > scores[best]) best = j; });
      const pick = gatedRulePick(open, ex.rule, ex.candidates, scores);
      if (pick < 0 || pick === best || ex.right[pick] === ex.right[best]) continue;
      bump(ex.rule, ex.right[pick]);
      bump(`${ex.rule}|k=${ruleKindOf(ex.candidates[pick])}`, ex.right[pick]);
    }
  }
  const passes = (t: { rules: number; model: number }) => t.rules > t.model && (t.rules - t.model) / Math.sqrt(t.rules + t.model) >= a.gateZ;
  const gate: string[] = [];
  for (const [key, t] of [...table].sort()) {
    const rule = key.split('|')[0];
    if (key.includes('|') && gate.includes(rule)) continue;
    if (passes(t)) gate.push(key);
  }
  return { gate, table };
}

function main() {
  const a = args();
  const docs = readPolnear(a.polnear, 'train');
  if (!docs) {
    console.error(`train:speakers: no PolNeAR train data at ${a.polnear} (pass --polnear DIR holding train/gold.json and train/articles/)`);
    process.exit(2);
  }
  const t0 = performance.now();
  const cues = cueLexicon(docs);
  console.log(`cue lexicon from the data: ${cues.length} words beyond the hand list: ${cues.join(' ')}`);
  const base: SpeakerModelData = { format: 'marginalia-speakers', version: SPEAKER_FEATURE_VERSION, id: 'speakers-untrained', cues, features: [], weights: [] };
  const examples = examplesOf(docs, speakerModelFrom(base));
  console.log(`${examples.length} quotes with a right candidate, ${examples.reduce((n, e) => n + e.candidates.length, 0)} candidates`);
  const { gate, table } = a.folds > 1 ? ruleGate(examples, a) : { gate: [] as string[], table: new Map<string, { rules: number; model: number }>() };
  console.log('rule pick vs model pick where they disagree and one is right (held-out folds): key rules-right model-right');
  for (const [key, t] of [...table].sort()) console.log(`  ${key.padEnd(24)} ${String(t.rules).padStart(5)} ${String(t.model).padStart(5)}${gate.includes(key) ? '  → rules decide' : ''}`);
  const weights = train(examples, a);
  const features = [...weights.keys()].sort();
  const id = `speakers-polnear-${new Date().toISOString().slice(0, 10)}-${features.length}f`;
  const data: SpeakerModelData = { ...base, id, features, weights: features.map((f) => weights.get(f)!), ...(gate.length ? { ruleGate: gate } : {}) };
  const json = JSON.stringify(data);
  writeFileSync(a.out, json + '\n');
  console.log(`wrote ${a.out}: ${features.length} features, ${(json.length / 1024).toFixed(0)} KB, trained in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (existsSync(resolve(a.polnear, 'dev', 'gold.json'))) evaluatePolnear(a.polnear, loadRecogniser(), 'dev', false, speakerModelFrom(data));
}

if (require.main === module && /train-speakers/.test(process.argv[1] ?? '')) main();
