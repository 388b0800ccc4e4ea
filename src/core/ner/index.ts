/**
 * Statistical named-entity tagger (PER / ORG / LOC / MISC) for news text.
 *
 *   const model = loadNerModel(bytes);          // bytes of models/ner-conll.bin
 *   model.recognise(text, sentences)            // → [{ start, end, type, score }]
 *   model.id                                    // e.g. "ner-conll-f4-c5499950"
 *
 * How it works: text is tokenized (tokenize.ts) inside each sentence; each token
 * gets hashed features (features.ts: word, shape, affixes, ±2 context, headline
 * and document-level casing features); a first averaged-perceptron model with
 * first-order BILOU Viterbi decoding tags the document; a second model sees,
 * besides the same features, what the first said about the other occurrences
 * of each word in the document (so "Biden" after "Joe Biden" is a person), and
 * gives the final labels. Span scores come from decoder margins, calibrated on
 * CoNLL dev. Models are trained by scripts/train-ner.ts on CoNLL-2003 train.
 *
 * Pure TypeScript: runs in Node, browsers / web workers and unit tests.
 */

import { labelMargins, viterbi } from './decode';
import { extractDocument, extractSecondPass, FEATURE_VERSION } from './features';
import { labelsToSpans, type NerType } from './labels';
import { quantise, type LinearWeights, type QuantisedWeights } from './linear';
import { MultiPassModel } from './multipass';
import { decodeModel, type NerModelData } from './model';
import { tokenize, type Token } from './tokenize';

export type { NerType } from './labels';
export type { Token } from './tokenize';
export type { NerModelData } from './model';
export type { LinearWeights, QuantisedWeights } from './linear';
export { quantise } from './linear';
export { tokenize, normaliseToken } from './tokenize';
export { encodeModel, decodeModel, pruneWeights, MODEL_FORMAT_VERSION } from './model';
export { EntityScorer, formatScores, MICRO_TYPES, type NerScores, type PRF, type ScoredSpan } from './score';
export { parseConll, rebuildDocument, iobSpans, type ConllDocument, type ConllSentence, type RebuiltDocument, type CharSpan } from './conll';

export interface NerSpan {
  /** UTF-16 offsets into the text passed to `recognise`. */
  start: number;
  end: number;
  type: NerType;
  /**
   * Confidence in (0, 1]: the decoder's margin for the span through a logistic
   * curve fitted on CoNLL dev (roughly the chance the span and type are exactly right).
   */
  score?: number;
}

export interface SentenceRange {
  start: number;
  end: number;
}

export interface NerModel {
  /** Model identifier and version, to record which model produced an annotation. */
  readonly id: string;
  /** Label names, index = label id (O, then B/I/L/U for each type). */
  readonly labels: readonly string[];
  /**
   * Entities in `text`. `sentences` are the caller's sentence boundaries (UTF-16
   * offsets, non-overlapping; out-of-range bounds are clipped); all of them are
   * treated as one document for document-level features. Spans never cross a
   * sentence boundary and are sorted by start offset.
   */
  recognise(text: string, sentences: readonly SentenceRange[]): NerSpan[];
  /** Tag pre-tokenised sentences of one document; returns label ids per sentence. */
  tagTokens(sentences: readonly (readonly string[])[]): Int8Array[];
}

const NO_MARGINS = new Float64Array(0);
/** Sentences longer than this many tokens are tagged in pieces. */
const MAX_SENTENCE_TOKENS = 400;

class LinearNerModel implements NerModel {
  readonly id: string;
  readonly labels: string[];
  private readonly model: MultiPassModel;
  private readonly types: NerType[];
  private readonly scoreScale: number;
  private readonly scoreBias: number;

  constructor(data: NerModelData) {
    if (data.featureVersion !== FEATURE_VERSION) {
      throw new Error(`NER model ${data.id}: feature version ${data.featureVersion}, this tagger extracts version ${FEATURE_VERSION}`);
    }
    if (data.passes.length < 1 || data.passes.length > 2) throw new Error('NER model: expected one or two passes');
    this.id = data.id;
    this.types = data.types;
    this.scoreScale = data.scoreScale > 0 ? data.scoreScale : 1;
    this.scoreBias = data.scoreBias ?? 0;
    this.labels = ['O'];
    for (const t of data.types) for (const p of ['B', 'I', 'L', 'U']) this.labels.push(`${p}-${t}`);
    if (data.passes.some((p) => p.L !== this.labels.length)) throw new Error('NER model: label count does not match types');
    this.model = new MultiPassModel(data.passes);
  }

  private run(sentences: readonly (readonly string[])[], withMargins: boolean): { labels: Int8Array[]; margins: Float64Array[] } {
    const base = extractDocument(sentences);
    const model = this.model;
    const prepared = base.map((f) => model.prepare(f));
    let labels: Int8Array[] = [];
    const margins: Float64Array[] = [];
    let previous: Float32Array[] = [];
    for (let p = 0; p < model.passes; p++) {
      const last = p === model.passes - 1;
      const extra = p > 0 ? extractSecondPass(base, labels) : null;
      const tr = model.trs[p];
      const keep = !last && model.residual[p + 1];
      const kept: Float32Array[] = [];
      const next: Int8Array[] = [];
      for (let si = 0; si < base.length; si++) {
        const em = model.emissions(p, prepared[si], extra ? extra[si] : undefined, previous[si]);
        const n = base[si].offsets.length - 1;
        if (keep) kept.push(em.slice(0, n * model.L));
        const y = new Int8Array(n);
        viterbi(em, n, tr, y);
        next.push(y);
        if (last && withMargins) margins.push(y.some((l) => l !== 0) ? labelMargins(em, n, tr, y, true) : NO_MARGINS);
      }
      labels = next;
      previous = kept;
    }
    return { labels, margins };
  }

  tagTokens(sentences: readonly (readonly string[])[]): Int8Array[] {
    return this.run(sentences, false).labels;
  }

  recognise(text: string, sentences: readonly SentenceRange[]): NerSpan[] {
    return this.spans(text, sentences).map((s) => {
      const score = 1 / (1 + Math.exp(-(s.margin - this.scoreBias) / this.scoreScale));
      return { start: s.start, end: s.end, type: s.type, score: Math.round(score * 1000) / 1000 };
    });
  }

  /** Spans with the raw decoder margin (the smallest over the span's tokens). */
  spans(text: string, sentences: readonly SentenceRange[]): (NerSpan & { margin: number })[] {
    const toks: Token[][] = [];
    for (const s of sentences) {
      const t = tokenize(text, Math.max(0, s.start), Math.min(text.length, s.end));
      for (let i = 0; i < t.length; i += MAX_SENTENCE_TOKENS) toks.push(t.length <= MAX_SENTENCE_TOKENS ? t : t.slice(i, i + MAX_SENTENCE_TOKENS));
    }
    if (!toks.length) return [];
    const { labels, margins } = this.run(
      toks.map((ts) => ts.map((t) => t.text)),
      true,
    );
    const out: (NerSpan & { margin: number })[] = [];
    for (let si = 0; si < toks.length; si++) {
      const ts = toks[si];
      for (const sp of labelsToSpans(labels[si])) {
        let m = Infinity;
        for (let i = sp.start; i < sp.end; i++) m = Math.min(m, margins[si][i]);
        out.push({ start: ts[sp.start].start, end: ts[sp.end - 1].end, type: this.types[sp.type], margin: m });
      }
    }
    out.sort((a, b) => a.start - b.start || a.end - b.end);
    return out;
  }
}

/**
 * Spans with their raw decoder margins, for calibrating `score` (training script).
 * `model` must come from loadNerModel or createNerModel.
 */
export function recogniseWithMargins(model: NerModel, text: string, sentences: readonly SentenceRange[]): (NerSpan & { margin: number })[] {
  if (!(model instanceof LinearNerModel)) throw new Error('recogniseWithMargins: not a model from this module');
  return model.spans(text, sentences);
}

/** Build a tagger from in-memory model data (training, tests). Float weights are quantised. */
export function createNerModel(data: Omit<NerModelData, 'passes'> & { passes: (QuantisedWeights | LinearWeights)[] }): NerModel {
  const passes = data.passes.map((p) => ('q' in p ? p : quantise(p)));
  return new LinearNerModel({ ...data, passes });
}

/** Load a tagger from the bytes of a model file (e.g. models/ner-conll.bin). */
export function loadNerModel(bytes: Uint8Array): NerModel {
  return new LinearNerModel(decodeModel(bytes));
}
