import { findArticleDate, recogniseNames } from '../entities';
import { guessLanguage, isForeign } from '../text/language';
import { DEFAULT_MAX_LENGTH, prepare, type AnalyzeOptions, type ArticleInput } from './article';
import type { MapRecord } from './record';

/**
 * The map step: everything the analysis learns of one article on its own (parse, language, the tagger's
 * names, the article's date). It depends on nothing outside the article, so articles can be mapped on any
 * number of cores or machines, in any order.
 */
export function mapArticle(input: ArticleInput, options: Pick<AnalyzeOptions, 'recogniser' | 'maxLength'>): MapRecord {
  const p = prepare(input, options.maxLength ?? DEFAULT_MAX_LENGTH);
  // The analysis is English-only: in an article clearly in another language the tagger reads nothing.
  const language = guessLanguage(p.doc.text);
  const names = p.skipped || isForeign(language) ? [] : recogniseNames(p.doc, options.recogniser, p.markup);
  const date = findArticleDate(p.doc.text, p.zones.filter((z) => z.reason === 'photo-credit'));
  const record: MapRecord = {
    id: input.path,
    text: p.skipped ? '' : input.text,
    ...(input.format ? { format: input.format } : {}),
    ...(p.skipped ? { skipped: p.skipped } : {}),
    names: names.map((n) => [n.start, n.end, n.type, p.doc.text.slice(n.start, n.end)]),
    language,
    date: date ? date.getTime() : null,
  };
  if (!date) record.anyDate = findArticleDate(p.doc.text)?.getTime() ?? null;
  return record;
}
