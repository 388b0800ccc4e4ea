/**
 * Train the named-entity tagger on CoNLL-2003 (English) and write the model file.
 *
 *   npm run train:ner -- [--data DIR] [--out FILE] [--epochs N] [--seed N]
 *                        [--passes 1|2] [--folds K] [--epochs1 N] [--min-count N]
 *                        [--threshold X] [--max-rows N (default 60000 per pass)] [--word-dropout P] [--residual] [--eval-epochs]
 *
 * Trains only on DIR/train.txt; reports scores on DIR/dev.txt. The test split is never read.
 * Training text is rebuilt as raw text and re-tokenised with the tagger's own tokenizer,
 * so the model sees exactly what it sees at tagging time.
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { extractDocument, extractSecondPass, FEATURE_VERSION, flattenFeatures, mergeFeatures, type SentenceFeatures } from '../src/core/ner/features';
import { NER_TYPES } from '../src/core/ner/labels';
import { LinearModel, quantise, type LinearWeights } from '../src/core/ner/linear';
import { decodeModel, encodeModel, pruneWeights, type NerModelData } from '../src/core/ner/model';
import { createNerModel, formatScores, parseConll, rebuildDocument, recogniseWithMargins, type NerModel, type NerScores } from '../src/core/ner/index';
import { evaluateOnConll, tokeniseConllDocument, type TokenisedDocument } from '../src/core/ner/corpus';
import { trainPerceptron, type TrainingSentence } from '../src/core/ner/train';
import { mulberry32 } from '../src/core/random';
import { scriptOptions } from './options';
import type { ConllDocument } from '../src/core/ner/conll';

/** The repository root (this script is bundled to out/scripts/). */
const REPO = resolve(__dirname, '..', '..');

const USAGE = 'usage: train-ner [--data DIR] [--out FILE] [--epochs N] [--seed N] [--passes 1|2] [--folds K] [--epochs1 N] [--min-count N] [--threshold X] [--max-rows N] [--word-dropout P] [--residual] [--eval-epochs]';

function parseArgs() {
  const a = scriptOptions('train-ner', USAGE, {
    data: resolve(REPO, '../shared/data/conll2003'),
    out: resolve(REPO, 'models/ner-conll.bin'),
    epochs: 10,
    epochs1: 0,
    seed: 1,
    passes: 2,
    folds: 4,
    minCount: 1,
    threshold: 0,
    maxRows: 60000,
    evalEpochs: false,
    wordDropout: 0,
    residual: false,
  }, { paths: ['data', 'out'] });
  // The first pass trains as long as the second unless told otherwise.
  if (!a.epochs1) a.epochs1 = a.epochs;
  return a;
}

function readSplit(dir: string, name: string): ConllDocument[] {
  const file = resolve(dir, name);
  if (!existsSync(file)) {
    console.error(`train-ner: CoNLL-2003 file not found: ${file}\n` +
      'Pass --data DIR with train.txt and dev.txt (default ../shared/data/conll2003 relative to the repo).');
    process.exit(2);
  }
  return parseConll(readFileSync(file, 'utf8'));
}

function sentencesOf(docs: TokenisedDocument[], feats: SentenceFeatures[][]): TrainingSentence[] {
  const out: TrainingSentence[] = [];
  docs.forEach((d, di) => d.gold.forEach((g, si) => out.push({ feats: feats[di][si], gold: g })));
  return out;
}

function tagWith(model: LinearModel, feats: SentenceFeatures[]): Int8Array[] {
  return feats.map((f) => model.decodeFlat(f));
}

function evaluateDev(data: Parameters<typeof createNerModel>[0], dev: ConllDocument[]) {
  return evaluateOnConll(createNerModel(data), dev);
}

/**
 * Fit score = 1 / (1 + exp(-(margin - bias) / scale)) to whether each predicted
 * dev span is exactly right (Platt scaling: logistic regression on the margin).
 */
function calibrate(model: NerModel, dev: ConllDocument[]): { scale: number; bias: number; n: number; correct: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const d of dev) {
    const r = rebuildDocument(d);
    const gold = new Set(r.entities.map((e) => `${e.start}:${e.end}:${e.type}`));
    for (const s of recogniseWithMargins(model, r.text, r.sentences)) {
      xs.push(s.margin);
      ys.push(gold.has(`${s.start}:${s.end}:${s.type}`) ? 1 : 0);
    }
  }
  // Newton's method on p = sigmoid(a * z + c) with z = x / sd (standardised), from a = 0.
  const n = xs.length;
  const correct = ys.reduce((x, y) => x + y, 0);
  const mean = xs.reduce((x, y) => x + y, 0) / Math.max(1, n);
  const sd = Math.sqrt(xs.reduce((x, y) => x + (y - mean) ** 2, 0) / Math.max(1, n)) || 1;
  const zs = xs.map((x) => x / sd);
  let a = 0;
  let c = Math.log((correct + 1) / (n - correct + 1));
  for (let it = 0; it < 100; it++) {
    let ga = 0, gc = 0, haa = 1e-6, hac = 0, hcc = 1e-6;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(a * zs[i] + c)));
      const e = p - ys[i];
      const w = p * (1 - p);
      ga += e * zs[i];
      gc += e;
      haa += w * zs[i] * zs[i];
      hac += w * zs[i];
      hcc += w;
    }
    const det = haa * hcc - hac * hac;
    if (!(det > 0)) break;
    const da = (hcc * ga - hac * gc) / det;
    const dc = (haa * gc - hac * ga) / det;
    a -= da;
    c -= dc;
    if (Math.abs(da) + Math.abs(dc) < 1e-10) break;
  }
  if (!(a > 0) || !Number.isFinite(c)) return { scale: 4, bias: 0, n, correct };
  // sigmoid(a * x / sd + c) = sigmoid((x - bias) / scale)
  return { scale: sd / a, bias: (-c * sd) / a, n, correct };
}

function fmtF(s: NerScores): string {
  const p = (x: number) => (100 * x).toFixed(2);
  return `PER ${p(s.perType.PER.f1)} ORG ${p(s.perType.ORG.f1)} LOC ${p(s.perType.LOC.f1)} MISC ${p(s.perType.MISC.f1)} | micro(P/O/L) ${p(s.micro.f1)} all ${p(s.all.f1)}`;
}

function main() {
  const args = parseArgs();
  const t0 = Date.now();
  const log = (m: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${m}`);
  const trainDocs = readSplit(args.data, 'train.txt');
  const devDocs = readSplit(args.data, 'dev.txt');
  const train = trainDocs.map(tokeniseConllDocument);
  const nTok = train.reduce((a, d) => a + d.gold.reduce((b, g) => b + g.length, 0), 0);
  log(`train: ${train.length} documents, ${nTok} tokens; dev: ${devDocs.length} documents; data ${args.data}`);
  const L = 1 + 4 * NER_TYPES.length;
  const types = [...NER_TYPES];
  const mkData = (passes: LinearWeights[], meta?: Record<string, unknown>) => ({
    id: 'ner-conll-dev', featureVersion: FEATURE_VERSION, types, passes, scoreScale: 4, meta,
  });

  const feats1 = train.map((d) => extractDocument(d.tokens).map(flattenFeatures));
  log('pass-1 features extracted');
  const devEval = (passes: LinearWeights[], residual = false) => (info: { epoch: number; errors: number; tokens: number; ms: number; snapshot: () => LinearWeights }) => {
    let extra = '';
    if (args.evalEpochs) extra = ' | dev ' + fmtF(evaluateDev(mkData([...passes, { ...info.snapshot(), residual }]), devDocs).scores);
    log(`  epoch ${info.epoch}: ${info.errors} token errors / ${info.tokens} (${info.ms} ms)${extra}`);
  };

  let pass1Train: Int8Array[][] | null = null;
  // Residual second pass: the jackknifed first-pass emission scores of each training sentence.
  let pass1Em: Float32Array[][] = [];
  if (args.passes === 2) {
    // Jackknife: first-pass labels for each training fold from a model trained on the other folds.
    const rand = mulberry32(args.seed + 101);
    const fold = train.map(() => Math.floor(rand() * args.folds));
    pass1Train = train.map(() => []);
    pass1Em = train.map(() => []);
    for (let k = 0; k < args.folds; k++) {
      const idx = train.map((_, i) => i).filter((i) => fold[i] !== k);
      const w = trainPerceptron(sentencesOf(idx.map((i) => train[i]), idx.map((i) => feats1[i])), {
        L, epochs: args.epochs1, seed: args.seed + k, minCount: args.minCount, wordDropout: args.wordDropout,
      });
      const m = new LinearModel(quantise(w));
      train.forEach((_, i) => {
        if (fold[i] !== k) return;
        pass1Train![i] = tagWith(m, feats1[i]);
        if (args.residual) pass1Em[i] = feats1[i].map((f) => m.emissionsFlat(f).slice(0, (f.offsets.length - 1) * L));
      });
      log(`jackknife fold ${k + 1}/${args.folds} done (${idx.length} training documents)`);
    }
  }

  log(`training pass 1 on all documents (${args.epochs1} epochs)`);
  const w1 = trainPerceptron(sentencesOf(train, feats1), {
    L, epochs: args.epochs1, seed: args.seed, minCount: args.minCount, wordDropout: args.wordDropout, onEpoch: args.passes === 1 ? devEval([]) : undefined,
  });
  const passes: LinearWeights[] = [w1];
  if (args.passes === 2) {
    const feats2 = train.map((d, i) => {
      const extra = extractSecondPass(d.tokens, pass1Train![i]);
      return args.residual ? extra : feats1[i].map((f, si) => mergeFeatures(f, extra[si]));
    });
    const data2 = sentencesOf(train, feats2);
    if (args.residual) {
      let k = 0;
      train.forEach((d, i) => d.gold.forEach((_, si) => (data2[k++].base = pass1Em[i][si])));
    }
    log(`training pass 2${args.residual ? ' (residual: first-pass scores + document features)' : ''} (${args.epochs} epochs)`);
    const w2 = trainPerceptron(data2, {
      L, epochs: args.epochs, seed: args.seed + 7, minCount: args.minCount, wordDropout: args.wordDropout, onEpoch: devEval([w1], args.residual),
    });
    passes.push({ ...w2, residual: args.residual });
  }
  const trainMs = Date.now() - t0;

  const pruned = passes.map((p) => pruneWeights(p, args.threshold, args.maxRows));
  log(`features: ${passes.map((p, i) => `pass ${i + 1} ${p.keys.length} → ${pruned[i].keys.length}`).join(', ')}`);
  const quantised: NerModelData = { ...mkData([]), passes: pruned.map(quantise) };
  const cal = calibrate(createNerModel(quantised), devDocs);
  quantised.scoreScale = Math.round(cal.scale * 1e4) / 1e4;
  quantised.scoreBias = Math.round(cal.bias * 1e4) / 1e4;
  log(`score calibration on dev (${cal.correct}/${cal.n} predicted spans correct): scale ${quantised.scoreScale}, bias ${quantised.scoreBias}`);
  const provisional = encodeModel(quantised);
  // The id carries a digest of the weights so that different trainings get different ids.
  let h = 0x811c9dc5;
  for (let i = 0; i < provisional.length; i += 7) h = Math.imul(h ^ provisional[i], 0x01000193);
  const id = `ner-conll-f${FEATURE_VERSION}-${(h >>> 0).toString(16).padStart(8, '0')}`;
  const meta = {
    trainedOn: 'CoNLL-2003 English train.txt', epochs: args.epochs, epochs1: args.epochs1, seed: args.seed,
    passes: args.passes, residual: args.residual, folds: args.folds, minCount: args.minCount, wordDropout: args.wordDropout, threshold: args.threshold, maxRows: args.maxRows,
  };
  const bytes = encodeModel({ ...quantised, meta, id });
  // Score exactly what is shipped: the decoded (quantised) model, run on raw dev text.
  const shipped = decodeModel(bytes);
  const { scores, ms, chars } = evaluateOnConll(createNerModel(shipped), devDocs);
  mkdirSync(dirname(resolve(args.out)), { recursive: true });
  writeFileSync(args.out, bytes);
  console.log(`\nmodel: ${args.out} (${(bytes.length / 1048576).toFixed(2)} MB, id ${id})`);
  console.log(`training time: ${(trainMs / 1000).toFixed(1)} s (seed ${args.seed}, ${args.passes} pass(es), ${args.epochs} epochs)`);
  console.log(`dev tagging (single cold pass, see eval-ner for warm throughput): ${(chars / 1e6 / (ms / 1000)).toFixed(2)} MB/s`);
  console.log(`\nCoNLL-2003 dev, entity level, tagger run on rebuilt raw text:\n${formatScores(scores)}`);
}

main();
