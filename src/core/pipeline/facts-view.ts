import type { Claim, DocumentResult, EntityMention, FactClaimRef } from '../contract';
import { mergeSpans, type ArticleDocument, type Span } from '../document';

/**
 * What the facts step reads of one article, without the rest of its text: facts read only inside claims
 * (their words, figures and names) and the folder's one-word places (for demonyms). The claims' text is
 * kept end to end, and offsets are moved into it; `back` moves a fact's offsets back into the article.
 */
export interface FactsView {
  doc: ArticleDocument;
  result: DocumentResult;
  articleDate?: Date;
  /** `start:end` of each claim in the article, in the order of `result.claims`. */
  wholeKeys: string[];
  back(ref: FactClaimRef): void;
}

export function factsView(doc: ArticleDocument, result: DocumentResult, articleDate: Date | undefined): FactsView {
  const regions: (Span & { at: number })[] = [];
  let text = '';
  let source = '';
  for (const r of mergeSpans(result.claims)) {
    if (text) {
      text += '\n';
      source += '\n';
    }
    regions.push({ ...r, at: text.length });
    text += doc.text.slice(r.start, r.end);
    source += doc.source.slice(r.start, r.end);
  }
  const regionOf = (x: Span) => regions.find((r) => x.start >= r.start && x.end <= r.end);
  const into = (x: Span, r?: Span & { at: number }): Span => (r ? { start: x.start - r.start + r.at, end: x.end - r.start + r.at } : { start: -1, end: -1 });
  // Only the fields the facts step reads are kept: an archive's link holds every claim until its facts are known.
  const claims = result.claims.map((c) => ({ ...into(c, regionOf(c)), text: c.text, factId: c.factId }) as Claim);
  const entities: EntityMention[] = [];
  for (const e of result.entities) {
    const r = regionOf(e);
    // Outside every claim only a one-word place counts (its demonyms), and only by its name: it is put nowhere.
    if (!r && (e.type !== 'PLACE' || /\s/.test(e.text))) continue;
    entities.push({ ...into(e, r), text: e.text, type: e.type, entityId: e.entityId, ...(e.value !== undefined ? { value: e.value } : {}), ...(e.unit !== undefined ? { unit: e.unit } : {}) });
  }
  return {
    doc: { ...doc, text, source, blocks: [], sentences: [], hidden: [] },
    result: { path: result.path, claims, entities, quotes: [], boilerplate: [] },
    articleDate,
    wholeKeys: result.claims.map((c) => `${c.start}:${c.end}`),
    back(ref) {
      const r = [...regions].reverse().find((x) => ref.start >= x.at)!;
      ref.start += r.start - r.at;
      ref.end += r.start - r.at;
    },
  };
}
