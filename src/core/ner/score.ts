/** Entity-level (exact span and type) precision / recall / F1, conlleval style. */

import { NER_TYPES, type NerType } from './labels';

export interface ScoredSpan {
  start: number;
  end: number;
  type: NerType;
}

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface NerScores {
  perType: Record<NerType, PRF>;
  /** Micro average over PER, ORG and LOC (MISC excluded). */
  micro: PRF;
  /** Micro average over all four types. */
  all: PRF;
}

/** Types in the headline micro average. */
export const MICRO_TYPES: readonly NerType[] = ['PER', 'ORG', 'LOC'];

function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

export class EntityScorer {
  private counts = new Map<NerType, { tp: number; fp: number; fn: number }>(
    NER_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]),
  );

  /** Add one document's (or sentence's) gold and predicted spans (same coordinate system). */
  add(gold: readonly ScoredSpan[], pred: readonly ScoredSpan[]): void {
    const key = (s: ScoredSpan) => `${s.start}:${s.end}:${s.type}`;
    const goldSet = new Set(gold.map(key));
    const predSet = new Set(pred.map(key));
    for (const s of pred) {
      const c = this.counts.get(s.type)!;
      if (goldSet.has(key(s))) c.tp++;
      else c.fp++;
    }
    for (const s of gold) if (!predSet.has(key(s))) this.counts.get(s.type)!.fn++;
  }

  result(): NerScores {
    const perType = {} as Record<NerType, PRF>;
    let mt = 0, mf = 0, mn = 0, at = 0, af = 0, an = 0;
    for (const t of NER_TYPES) {
      const c = this.counts.get(t)!;
      perType[t] = prf(c.tp, c.fp, c.fn);
      at += c.tp; af += c.fp; an += c.fn;
      if (MICRO_TYPES.includes(t)) {
        mt += c.tp; mf += c.fp; mn += c.fn;
      }
    }
    return { perType, micro: prf(mt, mf, mn), all: prf(at, af, an) };
  }
}

function pct(x: number): string {
  return (100 * x).toFixed(2).padStart(6);
}

/** A small table of the scores. */
export function formatScores(s: NerScores): string {
  const rows = ['type        P       R      F1    gold   pred'];
  const line = (name: string, p: PRF) =>
    `${name.padEnd(8)} ${pct(p.precision)}  ${pct(p.recall)}  ${pct(p.f1)}  ${String(p.tp + p.fn).padStart(6)} ${String(p.tp + p.fp).padStart(6)}`;
  for (const t of NER_TYPES) rows.push(line(t, s.perType[t]));
  rows.push(line('micro*', s.micro));
  rows.push(line('all', s.all));
  rows.push('(* micro over PER/ORG/LOC, MISC excluded)');
  return rows.join('\n');
}
