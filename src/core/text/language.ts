/**
 * A cheap guess of an article's language from its function words, to tell English from clearly not
 * English. The analysis (name tagger, number and date readers, quote attribution, claim cues) is made
 * for English; on a German or French article it gives confident nonsense (`Dienstag` an organisation,
 * `100 000 soldats` read as 100). Function words are the most frequent words of any language and
 * nearly disjoint between the languages a news folder is likely to mix, so their share of the words
 * says which language a text is in, well enough, from a few dozen words on.
 */

const FUNCTION_WORDS: Record<string, readonly string[]> = {
  en: ['the', 'of', 'and', 'to', 'in', 'is', 'that', 'for', 'it', 'was', 'on', 'with', 'as', 'he', 'she', 'by', 'at', 'from', 'his', 'her', 'they', 'have', 'has', 'had', 'be', 'are', 'were', 'this', 'which', 'said', 'not', 'but', 'an', 'would', 'will', 'their', 'who', 'been', 'its', 'or'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'mit', 'sich', 'auf', 'für', 'von', 'zu', 'im', 'auch', 'es', 'wie', 'aus', 'bei', 'nach', 'wurde', 'sind', 'hat', 'werden', 'sagte', 'dass', 'oder', 'aber', 'noch', 'nur', 'wird', 'über', 'vor', 'einer', 'er'],
  fr: ['le', 'la', 'les', 'de', 'des', 'du', 'et', 'est', 'un', 'une', 'dans', 'pour', 'que', 'qui', 'sur', 'au', 'aux', 'pas', 'par', 'avec', 'il', 'elle', 'ce', 'cette', 'ont', 'sont', 'mais', 'plus', 'été', 'son', 'sa', 'ses', 'leur', 'nous', 'vous', 'ne', 'se', 'selon', 'lors', 'était'],
  es: ['el', 'la', 'los', 'las', 'de', 'del', 'y', 'que', 'en', 'un', 'una', 'por', 'con', 'para', 'es', 'se', 'no', 'su', 'sus', 'al', 'lo', 'como', 'más', 'pero', 'fue', 'ha', 'han', 'este', 'esta', 'entre', 'sobre', 'también', 'dijo', 'según', 'ya', 'muy', 'sin', 'hay', 'está', 'son'],
  it: ['il', 'lo', 'la', 'gli', 'le', 'di', 'del', 'della', 'dei', 'che', 'è', 'e', 'un', 'una', 'per', 'con', 'non', 'sono', 'nel', 'nella', 'alla', 'al', 'da', 'si', 'ha', 'anche', 'come', 'più', 'ma', 'questo', 'questa', 'stato', 'sul', 'sulla', 'ai', 'dal', 'dalla', 'tra', 'ci', 'loro'],
  pt: ['o', 'a', 'os', 'as', 'de', 'do', 'da', 'dos', 'das', 'e', 'que', 'em', 'um', 'uma', 'para', 'com', 'não', 'no', 'na', 'nos', 'nas', 'por', 'se', 'é', 'foi', 'mais', 'mas', 'como', 'ao', 'pelo', 'pela', 'seu', 'sua', 'são', 'também', 'disse', 'está', 'entre', 'sobre', 'ele'],
  nl: ['de', 'het', 'een', 'en', 'van', 'is', 'dat', 'die', 'niet', 'op', 'te', 'zijn', 'voor', 'met', 'aan', 'er', 'maar', 'om', 'ook', 'als', 'bij', 'door', 'naar', 'uit', 'werd', 'wordt', 'heeft', 'hij', 'zij', 'nog', 'dan', 'tot', 'wel', 'over', 'worden', 'deze', 'zei', 'al', 'geen', 'meer'],
};

const LISTS = Object.entries(FUNCTION_WORDS).map(([code, words]) => ({ code, words: new Set(words) }));

const WORD = /\p{L}+(?:['’]\p{L}+)?/gu;
const apostrophe = (s: string) => {
  const a = s.indexOf("'");
  const b = s.indexOf('’');
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
};

/** Fewer words than this and the guess is `und` (undetermined): a headline or a stub says too little. */
const MIN_WORDS = 40;
/** Words read, at most (spread over the text): enough to tell, and cheap on a 1 MB article. */
const SAMPLE_WORDS = 3000;
/**
 * English news prose has 30–45% of its words in the English list; other languages' prose 0–8% (shared
 * spellings: `in`, `die`, `a`, `is`). A text is called another language only when that language's
 * share is high and clearly above the English share, so English with foreign quotes stays English.
 */
const FOREIGN_MIN_SHARE = 0.15;
const ENGLISH_MAX_SHARE = 0.12;

export interface LanguageGuess {
  /** `en`, another of de, fr, es, it, pt, nl, or `und` when the text is too short or unclear. */
  code: string;
  /** Share of the words sampled that are English function words (0–1). */
  english: number;
  /** Words sampled. */
  words: number;
}

/** The language of a text, by the share of each language's function words among its words. */
export function guessLanguage(text: string): LanguageGuess {
  const words: string[] = [];
  // A sample spread over the text: its start, middle and end (boilerplate is often at one end).
  const chunk = 20_000;
  const parts = text.length <= chunk * 3 ? [text] : [text.slice(0, chunk), text.slice((text.length - chunk) >> 1, (text.length + chunk) >> 1), text.slice(-chunk)];
  for (const part of parts) {
    WORD.lastIndex = 0;
    for (let m = WORD.exec(part); m; m = WORD.exec(part)) {
      // The word before an apostrophe (`it’s` → `it`).
      const lower = m[0].toLowerCase();
      const cut = apostrophe(lower);
      words.push(cut < 0 ? lower : lower.slice(0, cut));
      if (words.length >= SAMPLE_WORDS) break;
    }
  }
  // Each language's function words among the sample, counted in one pass.
  const hits = LISTS.map(() => 0);
  for (const w of words) for (let i = 0; i < LISTS.length; i++) if (LISTS[i].words.has(w)) hits[i]++;
  const shares = LISTS.map(({ code }, i) => ({ code, share: words.length ? hits[i] / words.length : 0 }));
  const english = shares.find((s) => s.code === 'en')!.share;
  if (words.length < MIN_WORDS) return { code: 'und', english, words: words.length };
  const best = shares.filter((s) => s.code !== 'en').sort((a, b) => b.share - a.share)[0];
  if (english <= ENGLISH_MAX_SHARE && best.share >= FOREIGN_MIN_SHARE && best.share >= 2 * english) return { code: best.code, english, words: words.length };
  if (english > ENGLISH_MAX_SHARE && english >= best.share) return { code: 'en', english, words: words.length };
  return { code: 'und', english, words: words.length };
}

const NAMES: Record<string, string> = { de: 'German', fr: 'French', es: 'Spanish', it: 'Italian', pt: 'Portuguese', nl: 'Dutch' };

/** The warning for an article in another language, or undefined for English and undetermined text. */
export function languageWarning(guess: LanguageGuess): string | undefined {
  if (guess.code === 'en' || guess.code === 'und') return undefined;
  return `this article looks ${NAMES[guess.code] ?? guess.code}, not English (${Math.round(guess.english * 100)}% English function words): Marginalia's analysis is English-only, so only its quotes and the names you taught are suggested here`;
}

/** Whether the guess is a language other than English (not merely undetermined). */
export function isForeign(guess: LanguageGuess): boolean {
  return guess.code !== 'en' && guess.code !== 'und';
}

/**
 * The mentions kept in an article in another language: only names the user taught (marked, accepted
 * or retyped somewhere in the folder). The English tagger takes that language's capitalised common
 * nouns for names, and the English readers of numbers and dates misread its figures (`100 000`), so
 * nothing of theirs is suggested there; what the user said holds everywhere.
 */
export function taughtOnly<T extends { text: string }>(mentions: readonly T[], accepted: ReadonlyMap<string, unknown>): T[] {
  return mentions.filter((m) => accepted.has(m.text));
}

/**
 * Records the language on a document's result (`language`, and a warning when it is not English) and,
 * for another language, drops the claims: claim finding reads English cues and English figures.
 */
export function markLanguage<D extends { language?: string; warnings?: string[]; claims: unknown[] }>(doc: D, guess: LanguageGuess): D {
  doc.language = guess.code;
  const warning = languageWarning(guess);
  if (warning) {
    doc.warnings = [...(doc.warnings ?? []).filter((w) => w !== warning), warning];
    doc.claims = [];
  }
  return doc;
}
