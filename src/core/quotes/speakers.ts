/**
 * The trained speaker chooser: the model as stored in models/speaker-polnear.json (a linear model over the features
 * of each quote's speaker candidates, trained on PolNeAR's train split by scripts/train-speakers.ts), loaded, and
 * the score it gives a candidate. The candidates and their features come from candidates.ts.
 * Pure TypeScript, no Node or vscode imports: it runs in browsers too.
 */
import type { SpanRef } from '../contract';
import { HAND_CUES } from './lexicon';

/** The trained chooser as stored in models/speaker-polnear.json. */
export interface SpeakerModelData {
  format: 'marginalia-speakers';
  version: number;
  id: string;
  /** Words that attribute speech (`said`, `implored`, `tweeted`…), drawn from the training data and a hand list. */
  cues: string[];
  /** Feature names and their weights (same order). */
  features: string[];
  weights: number[];
  /**
   * Where the hand rules decide: the kinds of rule pick (`after`, `before`, `according`, …, optionally narrowed to
   * the picked candidate's kind, `after|k=PERSON`) whose pick was right more often than the model's when the two
   * disagreed, measured by cross-validation on the training data (held-out folds). Made by training, not by hand.
   */
  ruleGate?: string[];
}

export const SPEAKER_FEATURE_VERSION = 1;

export interface SpeakerModel {
  id: string;
  cues: ReadonlySet<string>;
  /** Rule-pick kinds (`after`, `after|k=PERSON`) where the hand rules' pick is taken over the ranking. */
  ruleGate: ReadonlySet<string>;
  weight(feature: string): number;
}

export function speakerModelFrom(data: SpeakerModelData): SpeakerModel {
  if (data.format !== 'marginalia-speakers') throw new Error('not a speaker model');
  if (data.version !== SPEAKER_FEATURE_VERSION) throw new Error(`speaker model has feature version ${data.version}, this code reads ${SPEAKER_FEATURE_VERSION}`);
  const w = new Map<string, number>();
  data.features.forEach((f, i) => w.set(f, data.weights[i]));
  return { id: data.id, cues: new Set([...HAND_CUES, ...data.cues]), ruleGate: new Set(data.ruleGate ?? []), weight: (f) => w.get(f) ?? 0 };
}

export type CandidateKind = 'PERSON' | 'ORG' | 'PLACE' | 'NAME' | 'PRONOUN' | 'DESC' | 'PREV' | 'NONE';

export interface SpeakerCandidate {
  kind: CandidateKind;
  /** The speaker's name as the text gives it (a pronoun's is the person it stands for, when found). */
  name: string;
  entityId: string | null;
  start: number;
  end: number;
  /** The cue the candidate is the subject or object of, if any. */
  cue: SpanRef | null;
  /** PREV: the kind of the candidate taken over from the quote before. */
  base?: CandidateKind;
  /** Holds the speech verb paired with this quote in a sentence of two quotes and two verbs (candidates.ts). */
  paired?: boolean;
  features: string[];
}

/**
 * The candidate the hand rules picked, when the model says their kind of pick is to be followed (its ruleGate):
 * the best scored of the candidates holding the rules' span, or -1.
 */
export function gatedRulePick(model: SpeakerModel, rule: string | null | undefined, candidates: readonly SpeakerCandidate[], scores: readonly number[]): number {
  if (!rule || !model.ruleGate.size) return -1;
  let pick = -1;
  candidates.forEach((c, i) => {
    if (c.features.includes('rule-pick') && (pick < 0 || scores[i] > scores[pick])) pick = i;
  });
  if (pick < 0) return -1;
  return model.ruleGate.has(rule) || model.ruleGate.has(`${rule}|k=${ruleKindOf(candidates[pick])}`) ? pick : -1;
}

/** A candidate's kind as the gate names it (a pronoun by its word, the quote before's speaker as PREV). */
export function ruleKindOf(c: SpeakerCandidate): string {
  return c.kind === 'PRONOUN' ? 'PRONOUN' : c.kind;
}

export function scoreCandidate(model: SpeakerModel, c: SpeakerCandidate): number {
  let s = 0;
  for (const f of c.features) s += model.weight(f);
  return s;
}
