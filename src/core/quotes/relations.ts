/**
 * How a candidate stands to a cue verb (subject, object, `according to`, through an apposition) and how the cue
 * stands to the quote (before or after it, how far, with what punctuation): the core of a candidate's features.
 */
import type { QuoteSpan } from './scan';
import { bucket, type SpeakerContext } from './context';

/** Words opening a description (`the mayor`, `a spokeswoman`, `two officials`). */
export const DETERMINERS = new Set(['the', 'a', 'an', 'one', 'another', 'his', 'her', 'their', 'its', 'our', 'my', 'some', 'several', 'many', 'most', 'two', 'three', 'both', 'other', 'each', 'every', 'no']);
/** Words allowed between a subject and its cue (`Trump also said`, `she has repeatedly said`). */
const BETWEEN = new Set(['also', 'later', 'then', 'recently', 'previously', 'once', 'has', 'had', 'have', 'would', 'will', 'was', 'is', 'were', 'are', 'did', 'does', 'do', 'repeatedly', 'often', 'again', 'further', 'simply', 'flatly', 'publicly', 'privately', 'just', 'even', 'still', 'frequently', 'earlier', 'never', 'not', 'already', 'been', 'had', 'could', 'might', 'may', 'should', 'can', 'reportedly', 'has', 'bluntly', 'famously', 'angrily', 'actually', 'quickly', 'first', 'last', 'only', 'then-', 'personally']);

/** A cue token index next to a span: subject (`X said`, `X, a …, said`) or object (`said X`). */
export function cueRelation(ctx: SpeakerContext, first: number, last: number): { rel: string; cue: number } | null {
  const T = ctx.tokens;
  // Subject: skip adverbs and auxiliaries (`Trump also said`, `Clinton has repeatedly said`).
  let k = last + 1;
  let skipped = 0;
  while (k < T.length && BETWEEN.has(T[k].w) && skipped < 3) { k++; skipped++; }
  if (ctx.isCue(T[k])) return { rel: skipped ? 'subj-adv' : 'subj', cue: k };
  // `…,” Putin’s adviser, Yury Ushakov, said`: the name closes an apposition right before the cue.
  if (T[last + 1]?.w === ',' && ctx.isCue(T[last + 2]) && !ctx.insideQuote(T[last + 1].s)) return { rel: 'subj-comma', cue: last + 2 };
  // Subject through an apposition: `X, a former official who …, said`.
  if (T[last + 1]?.w === ',' || T[last + 1]?.w === '(') {
    for (let j = last + 2, n = 0; j < T.length && n < 40; j++, n++) {
      const t = T[j];
      if (/^[“”"'‘’.;:!?]$/.test(t.w) || ctx.insideQuote(t.s)) break;
      if ((t.w === ',' || t.w === ')') ) {
        let c = j + 1;
        if (T[c]?.w === ',') c++;
        let sk = 0;
        while (c < T.length && BETWEEN.has(T[c].w) && sk < 2) { c++; sk++; }
        if (ctx.isCue(T[c])) return { rel: 'subj-appos', cue: c };
      }
    }
  }
  // Object: `said X`, `said Sen. X`, `told X`, `according to X`.
  const p = first - 1;
  if (ctx.isCue(T[p])) return { rel: 'obj', cue: p };
  if (T[p]?.w === 'to' && T[p - 1]?.w === 'according') return { rel: 'according', cue: p };
  if (T[p]?.w === 'by' && p >= 1) return { rel: 'by', cue: p };
  if (ctx.isCue(T[p - 1]) && (DETERMINERS.has(T[p].w) || T[p].cap)) return { rel: 'obj-2', cue: p - 1 };
  return null;
}
/** Where the quote stands relative to the cue: `,” X said` (after), `X said: “` (before), in the same sentence, or farther. */
export function cueVsQuote(ctx: SpeakerContext, cue: number, q: QuoteSpan): string {
  const T = ctx.tokens;
  const c = T[cue];
  const qOpen = q.open >= 0 ? q.open : q.start;
  const qClose = q.close >= 0 ? q.close + 1 : q.end;
  if (c.s >= qClose) {
    const gap = ctx.doc.text.slice(qClose, c.s);
    if (/\n/.test(gap)) return 'cue-after-para';
    const between = ctx.tokenAt(c.s) - ctx.tokenAt(qClose);
    return `cue-after-${bucket(between, [0, 1, 3, 6, 12])}${/^[\s,]/.test(gap) || /[,—–-]\s*$/.test(ctx.doc.text.slice(q.end, qClose)) ? '-comma' : ''}`;
  }
  if (c.e <= qOpen) {
    const gap = ctx.doc.text.slice(c.e, qOpen);
    if (/\n/.test(gap)) return 'cue-before-para';
    const between = ctx.tokenAt(qOpen) - ctx.tokenAt(c.e);
    return `cue-before-${bucket(between, [0, 1, 3, 6, 12])}${/[:,]\s*$/.test(gap) ? '-colon' : ''}`;
  }
  return 'cue-inside';
}
