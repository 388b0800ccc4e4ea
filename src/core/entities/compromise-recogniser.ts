import type { Span } from '../document';
import type { NameRecogniser, NameSpan, NameType } from './names';

interface CompromiseMatch {
  offset: { start: number; length: number };
}
type Nlp = typeof import('compromise').default;

let nlp: Nlp | undefined;
/** compromise takes a third of a second to initialise, so it is loaded on first use only. */
function compromise(): Nlp {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  nlp ??= (require('compromise') as { default: Nlp }).default ?? (require('compromise') as Nlp);
  return nlp;
}

/**
 * Names from the `compromise` library: the fallback when the trained tagger's model is missing, and the
 * baseline the benchmark compares against. It reads sentence by sentence, so spans are shifted back to
 * document offsets; its spans may include surrounding punctuation and titles, which refinement trims.
 */
export const compromiseRecogniser: NameRecogniser = {
  id: 'compromise@14',
  recognise(text: string, sentences: readonly Span[]): NameSpan[] {
    const out: NameSpan[] = [];
    for (const s of sentences) {
      const doc = compromise()(text.slice(s.start, s.end));
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
