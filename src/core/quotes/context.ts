/**
 * Everything about a document the speaker candidates of its quotes are built from (built once per document): its
 * tokens, sentences, paragraphs and quotes, looked up by offset, the hand rules' opinion, and pronoun antecedents.
 */
import type { EntityMention, SpanRef } from '../contract';
import type { ArticleDocument } from '../document';
import type { QuoteSpan } from './scan';
import type { SpeakerCandidate, SpeakerModel } from './speakers';
import { ruleAttribution } from './rules';

export interface Token {
  s: number;
  e: number;
  /** Lower case. */
  w: string;
  cap: boolean;
  word: boolean;
}

const TOKEN = /[\p{L}\p{N}]+(?:[’'.\-&][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

/** A count as a feature value: the first edge it does not exceed (`<=3`), or beyond the last (`>12`). */
export function bucket(n: number, edges: number[]): string {
  for (const e of edges) if (n <= e) return `<=${e}`;
  return `>${edges[edges.length - 1]}`;
}

/** Index of the last of `items` (sorted by start) starting at or before `offset`, or `none` (binary search). */
function lastStartingBy(items: readonly { start: number }[], offset: number, none: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let best = none;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start <= offset) { best = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return best;
}

/** Everything about a document the candidates of its quotes are built from (built once per document). */
export class SpeakerContext {
  readonly tokens: Token[] = [];
  /** What the hand rules say for each quote, and which of them said it (features of the candidates). */
  readonly rules: readonly ((SpanRef & { rule: string }) | null)[];
  constructor(
    readonly doc: ArticleDocument,
    readonly spans: readonly QuoteSpan[],
    readonly mentions: readonly EntityMention[],
    readonly model: SpeakerModel,
  ) {
    const text = doc.text;
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
      const w = m[0];
      this.tokens.push({ s: m.index, e: m.index + w.length, w: w.toLowerCase(), cap: /^\p{Lu}/u.test(w), word: /^[\p{L}\p{N}]/u.test(w) });
    }
    this.rules = ruleAttribution(doc, spans, mentions).map((q) => (q.speaker ? { start: q.speaker.start, end: q.speaker.end, text: q.speaker.name, rule: q.rule ?? 'other' } : null));
  }

  /** Index of the first token starting at or after `offset`. */
  tokenAt(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid].s < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether an offset lies inside a quote (between its marks). */
  insideQuote(offset: number): boolean {
    const best = lastStartingBy(this.spans, offset, -1);
    for (let i = best; i >= 0 && i >= best - 2; i--) {
      const q = this.spans[i];
      if (q.open <= offset && offset < (q.close >= 0 ? q.close + 1 : q.end)) return true;
    }
    return false;
  }

  /** How many quotes lie wholly between two offsets. */
  quotesBetween(from: number, to: number): number {
    let n = 0;
    for (const q of this.spans) {
      if (q.start >= to) break;
      if ((q.open >= 0 ? q.open : q.start) >= from && q.end <= to) n++;
    }
    return n;
  }

  /** The quote nearest a token (in tokens, within its sentence or the next), or -1. */
  nearestQuote(tok: number): number {
    const t = this.tokens[tok];
    const s = this.doc.sentences[this.sentenceIndex(t.s)];
    const from = s ? s.start : t.s;
    const to = this.doc.sentences[this.sentenceIndex(t.s) + 1]?.end ?? (s ? s.end : t.e);
    let best = -1;
    let bestD = Infinity;
    this.spans.forEach((q, i) => {
      const o = q.open >= 0 ? q.open : q.start;
      const c = q.close >= 0 ? q.close + 1 : q.end;
      if (c < from - 1 || o > to) return;
      const d = o >= t.e ? this.tokenAt(o) - tok : tok - this.tokenAt(c);
      if (d >= 0 && d < bestD) { bestD = d; best = i; }
    });
    return best;
  }

  isCue(t: Token | undefined): boolean {
    return !!t && t.word && this.model.cues.has(t.w);
  }

  /** The sentence holding an offset (the first, before any). */
  sentenceIndex(offset: number): number {
    return lastStartingBy(this.doc.sentences, offset, 0);
  }

  /** The block (paragraph, heading…) holding an offset (the first, before any). */
  blockIndex(offset: number): number {
    return lastStartingBy(this.doc.blocks, offset, 0);
  }

  /** The person (or, for `it`/`they`, the organisation) a pronoun most likely stands for: the last one named before it. */
  antecedent(pronoun: string, at: number, previousSpeaker: SpeakerCandidate | null): EntityMention | null {
    const wantOrg = pronoun === 'it';
    let found: EntityMention | null = null;
    for (const m of this.mentions) {
      if (m.end > at) break;
      if (at - m.start > 1500) continue;
      if (this.insideQuote(m.start)) continue;
      if (wantOrg ? m.type === 'ORG' : m.type === 'PERSON' || (pronoun === 'they' && m.type === 'ORG')) found = m;
    }
    // The person just quoted is the likelier `he` when nobody else was named since.
    if (previousSpeaker && (pronoun === 'he' || pronoun === 'she') && previousSpeaker.entityId && found && found.entityId !== previousSpeaker.entityId && found.start < previousSpeaker.start) return null;
    return found;
  }
}
