import nlp from 'compromise';
import type { Span } from '../document';
import type { NameRecogniser, NameSpan, NameType } from './names';

interface CompromiseMatch {
  offset: { start: number; length: number };
}

/**
 * Names from the `compromise` library. It reads sentence by sentence, so spans are shifted back to
 * document offsets; compromise's spans may include surrounding punctuation and titles, which the
 * refinement step trims.
 */
export const compromiseRecogniser: NameRecogniser = {
  id: 'compromise@14',
  recognise(text: string, sentences: readonly Span[]): NameSpan[] {
    const out: NameSpan[] = [];
    for (const s of sentences) {
      const doc = nlp(text.slice(s.start, s.end));
      const add = (matches: CompromiseMatch[], type: NameType) => {
        for (const m of matches) out.push({ start: s.start + m.offset.start, end: s.start + m.offset.start + m.offset.length, type });
      };
      add(doc.people().json({ offset: true }) as CompromiseMatch[], 'PERSON');
      add(doc.organizations().json({ offset: true }) as CompromiseMatch[], 'ORG');
      add(doc.places().json({ offset: true }) as CompromiseMatch[], 'PLACE');
    }
    return out;
  },
};
