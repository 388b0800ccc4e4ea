/** Content words of a sentence, reduced so that wording differences between outlets matter less. */

export const STOPWORDS = new Set(
  ('a an the and or but if of in on at to for from by with as is are was were be been being has have had do does did ' +
    'that this these those it its it’s their them they he she his her him we our us you your i me my not no nor so than then there ' +
    'which who whom whose what when where while also would could should will can may might must shall just only very more most ' +
    'about into over after before between during against amid among under up down out off again further once here all any both ' +
    'each few other some such own same too s t said says say told according per since until though although because yet still').split(/\s+/),
);

/**
 * Words news outlets use interchangeably for the same event or thing. Mapping them to one concept lets
 * `the 50-minute talk`, `Thursday’s call` and `the conversation` meet.
 */
const CONCEPTS: Record<string, string> = {
  call: 'talk', talk: 'talk', conversation: 'talk', spoke: 'talk', speak: 'talk', chat: 'talk', phone: 'talk', discussion: 'talk',
  discuss: 'talk', dialogue: 'talk', negotiation: 'talk', meet: 'meet', meeting: 'meet', met: 'meet', session: 'meet',
  summit: 'meet', conference: 'meet', consultation: 'meet', troop: 'troop', soldier: 'troop', forc: 'troop', servicemen: 'troop',
  sanction: 'sanction', penalti: 'sanction', invad: 'invade', invasion: 'invade', attack: 'invade', annex: 'annex',
  annexation: 'annex', seiz: 'annex', seized: 'annex', took: 'annex', warn: 'warn', caution: 'warn', threaten: 'warn', threat: 'warn',
  request: 'request', ask: 'request', requested: 'request', last: 'last', lasted: 'last',
  mass: 'deploy', massed: 'deploy', amass: 'deploy', amassed: 'deploy', moved: 'deploy', move: 'deploy', deploy: 'deploy',
  deployed: 'deploy', station: 'deploy', stationed: 'deploy', sent: 'deploy', build: 'deploy', buildup: 'deploy',
};

export function stem(word: string): string {
  let w = word.toLowerCase().replace(/[’']s$/, '');
  if (w.length > 5) w = w.replace(/(ations?|ings?|edly|ed|es|ly|s)$/, '');
  else if (w.length > 3) w = w.replace(/s$/, '');
  return CONCEPTS[w] ?? w;
}

/** A word as the facts step reads it: a letter, then letters, apostrophes and hyphens. */
const WORD = /[\p{L}][\p{L}’'-]*/gu;

/**
 * Calls `onWord` with each word of `text` and its offset, in order. An exec loop rather than matchAll: the facts step
 * reads every claim's words, and matchAll's iterator results were a tenth of its allocations.
 */
export function eachWord(text: string, onWord: (word: string, at: number) => void): void {
  // lastIndex is set before each match, so that a callback reading words too cannot move this loop.
  for (let from = 0; ; ) {
    WORD.lastIndex = from;
    const m = WORD.exec(text);
    if (!m) return;
    from = m.index + m[0].length;
    onWord(m[0], m.index);
  }
}

/** Calls `onTerm` with the concept stem of each hyphen-separated part of a lower-case word that is not a stopword. */
export function eachPartStem(w: string, onTerm: (term: string) => void): void {
  if (w.length < 2 || STOPWORDS.has(w)) return;
  if (!w.includes('-')) return onTerm(stem(w));
  for (const part of w.split('-')) if (part.length > 1 && !STOPWORDS.has(part)) onTerm(stem(part));
}

/** The set of concept stems of a text (stopwords and numbers dropped). */
export function termsOf(text: string): Set<string> {
  const out = new Set<string>();
  const add = (t: string) => void out.add(t);
  eachWord(text, (word) => eachPartStem(word.toLowerCase(), add));
  return out;
}

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (!a.size || !b.size) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Items as lists of distinct term ids (claims' passages, figures' contexts): what candidatePairs counts over. */
export interface TermLists {
  readonly count: number;
  size(i: number): number;
  term(i: number, k: number): number;
}

/**
 * Pairs of items worth comparing: those sharing at least `minShared` terms that are rare enough (held by
 * at most `maxHolders` items). Comparing every pair is quadratic; a folder of a thousand articles has
 * tens of thousands of claims. Common words are skipped, so two items that share only common words are
 * never compared (they would not pass the similarity floors used here anyway). Items of the same `group` (one
 * article's claims, which never state a fact together) are not paired.
 */
export function candidatePairs(items: readonly ReadonlySet<string>[], minShared = 1, maxHolders = 60, group?: readonly number[]): [number, number][] {
  const ids = new Map<string, number>();
  const lists = items.map((terms) => [...terms].map((t) => ids.get(t) ?? (ids.set(t, ids.size), ids.size - 1)));
  const pairs: [number, number][] = [];
  forEachCandidatePair({ count: lists.length, size: (i) => lists[i].length, term: (i, k) => lists[i][k] }, (x, y) => pairs.push([x, y]), minShared, maxHolders, group && ((i) => group[i]));
  return pairs;
}

/**
 * candidatePairs over term ids, each pair handed to `onPair`. Pairs come one item at a time, in order (x < y, by x then
 * y), counted in one array the size of the items, and each term's holders sit end to end in one array: an archive of
 * 10^5 articles has millions of passages, and a table of every pair sharing one term (most share fewer than
 * `minShared`) outgrew a Map (2^24 entries) and gigabytes of memory. A callback, not a generator: the facts step
 * meets millions of pairs, and a generator's result object and pair array for each were a tenth of its allocations.
 */
export function forEachCandidatePair(items: TermLists, onPair: (x: number, y: number) => void, minShared = 1, maxHolders = 60, group?: (i: number) => number): void {
  let vocabulary = 0;
  for (let i = 0; i < items.count; i++) for (let k = 0, n = items.size(i); k < n; k++) vocabulary = Math.max(vocabulary, items.term(i, k) + 1);
  // How many items hold each term; only the holders of a rare term (2..maxHolders) are listed, at from[t]..from[t + 1]:
  // common words hold most of the places and pair nobody.
  const held = new Int32Array(vocabulary);
  for (let i = 0; i < items.count; i++) for (let k = 0, n = items.size(i); k < n; k++) held[items.term(i, k)]++;
  const rare = (t: number) => held[t] >= 2 && held[t] <= maxHolders;
  const from = new Int32Array(vocabulary + 1);
  for (let t = 0; t < vocabulary; t++) from[t + 1] = from[t] + (rare(t) ? held[t] : 0);
  const holders = new Int32Array(from[vocabulary]);
  const filled = from.slice(0, vocabulary);
  for (let i = 0; i < items.count; i++) {
    for (let k = 0, n = items.size(i); k < n; k++) {
      const t = items.term(i, k);
      if (rare(t)) holders[filled[t]++] = i;
    }
  }
  const shared = new Int32Array(items.count);
  // The items met by x, in a reused buffer: a typed array sorts numerically in place.
  const met = new Int32Array(items.count);
  for (let x = 0; x < items.count; x++) {
    let m = 0;
    for (let k = 0, n = items.size(x); k < n; k++) {
      const t = items.term(x, k);
      if (!rare(t)) continue;
      for (let h = from[t + 1] - 1; h >= from[t] && holders[h] > x; h--) {
        const y = holders[h];
        if (group && group(x) === group(y)) continue;
        if (shared[y]++ === 0) met[m++] = y;
      }
    }
    if (m > 1) met.subarray(0, m).sort();
    for (let j = 0; j < m; j++) {
      const y = met[j];
      if (shared[y] >= minShared) onPair(x, y);
      shared[y] = 0;
    }
  }
}
