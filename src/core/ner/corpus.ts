/**
 * Helpers that turn CoNLL documents into training / evaluation material for
 * the tagger, going through raw text exactly as the tagger sees it.
 */

import { rebuildDocument, type ConllDocument } from './conll';
import { NER_TYPES, spansToLabels } from './labels';
import { EntityScorer, type NerScores } from './score';
import { tokenize } from './tokenize';
import type { NerModel } from './index';

/** A document as tokens (the tagger's tokenizer over the rebuilt text) with BILOU gold labels. */
export interface TokenisedDocument {
  tokens: string[][];
  gold: Int8Array[];
}

/**
 * Rebuild the document as raw text, tokenize each sentence with `tokenize`, and
 * project the gold entities onto those tokens (a token overlapping an entity is in it).
 */
export function tokeniseConllDocument(doc: ConllDocument): TokenisedDocument {
  const r = rebuildDocument(doc);
  const tokens: string[][] = [];
  const gold: Int8Array[] = [];
  for (const s of r.sentences) {
    const toks = tokenize(r.text, s.start, s.end);
    const spans: { start: number; end: number; type: number }[] = [];
    for (const e of r.entities) {
      if (e.start < s.start || e.end > s.end) continue;
      let a = -1;
      let b = -1;
      for (let i = 0; i < toks.length; i++) {
        if (toks[i].end > e.start && toks[i].start < e.end) {
          if (a < 0) a = i;
          b = i + 1;
        }
      }
      if (a >= 0 && !spans.some((x) => x.start < b && a < x.end)) spans.push({ start: a, end: b, type: NER_TYPES.indexOf(e.type) });
    }
    tokens.push(toks.map((t) => t.text));
    gold.push(spansToLabels(toks.length, spans));
  }
  return { tokens, gold };
}

export interface EvaluationResult {
  scores: NerScores;
  /** Time spent in `recognise`, milliseconds. */
  ms: number;
  chars: number;
  /** Per document: gold and predicted spans (character offsets into the rebuilt text). */
  docs: { text: string; gold: { start: number; end: number; type: string }[]; pred: { start: number; end: number; type: string; score?: number }[] }[];
}

/** Run `model.recognise` on each document rebuilt as raw text and score it at entity level. */
export function evaluateOnConll(model: NerModel, docs: readonly ConllDocument[]): EvaluationResult {
  const scorer = new EntityScorer();
  let ms = 0;
  let chars = 0;
  const out: EvaluationResult['docs'] = [];
  for (const d of docs) {
    const r = rebuildDocument(d);
    const t0 = performance.now();
    const pred = model.recognise(r.text, r.sentences);
    ms += performance.now() - t0;
    chars += r.text.length;
    scorer.add(r.entities, pred);
    out.push({ text: r.text, gold: r.entities, pred });
  }
  return { scores: scorer.result(), ms, chars, docs: out };
}
