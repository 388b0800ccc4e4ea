import { loadNerModel, type NerModel } from '../ner';
import type { Span } from '../document';
import type { NameRecogniser, NameSpan, NameType } from './names';

const TYPES: Record<string, NameType | undefined> = { PER: 'PERSON', ORG: 'ORG', LOC: 'PLACE' };

/**
 * Names from Marginalia's own trained tagger (see scripts/train-ner.ts). MISC spans (nationalities,
 * events, products) are not entities in Marginalia's model and are dropped.
 */
export function nerRecogniser(model: NerModel): NameRecogniser {
  return {
    id: model.id,
    recognise(text: string, sentences: readonly Span[]): NameSpan[] {
      const out: NameSpan[] = [];
      for (const s of model.recognise(text, sentences)) {
        const type = TYPES[s.type];
        if (type) out.push({ start: s.start, end: s.end, type });
      }
      return out;
    },
  };
}

/** Loads the tagger from the model file's bytes (read by the host: fs in Node, workspace.fs in VS Code). */
export function nerRecogniserFromBytes(bytes: Uint8Array): NameRecogniser {
  // VS Code's Node host reads files into Node Buffers, whose slice() shares memory instead of copying;
  // the model reader takes sections by slicing, so it gets a plain Uint8Array copy of its own.
  return nerRecogniser(loadNerModel(new Uint8Array(bytes)));
}
