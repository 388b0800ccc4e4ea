import type { Span } from '../document';

export type NameType = 'PERSON' | 'ORG' | 'PLACE';

export interface NameSpan extends Span {
  type: NameType;
}

/**
 * Anything that finds names of people, organisations and places in text, given its sentences.
 * The trained tagger and the compromise-based fallback both have this shape.
 */
export interface NameRecogniser {
  readonly id: string;
  recognise(text: string, sentences: readonly Span[]): NameSpan[];
}
