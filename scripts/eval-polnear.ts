/**
 * PolNeAR direct quotes (real US political news, 2016; data outside the project, see its README): quote spans and
 * speakers, scored with the same rules as the data's own score.mjs, plus the remaining errors grouped by kind.
 * Used by `npm run eval` (dev split) and runnable alone:
 *   node out/scripts/eval-polnear.js [--polnear DIR] [--set dev|train] [--errors [KIND]]
 * DIR defaults to ../shared/data/polnear; when it is missing the evaluation says so and is skipped.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeArticles, type AnalysisResult, type NameRecogniser, type Quote } from '../src/core';
import { loadRecogniser } from '../src/node/recogniser';
import type { SpeakerModel } from '../src/core/quotes/speakers';

interface GoldSpan { start: number; end: number; text: string }
export interface PolnearQuote extends GoldSpan {
  source: GoldSpan | null;
  sourceName: string | null;
  resolvable: boolean;
  resolvedBy?: string;
  nestedSpeaker?: string | null;
  mentions?: GoldSpan[];
}
export interface PolnearDoc { file: string; text: string; quotes: PolnearQuote[]; ignore: GoldSpan[] }

/** The articles and gold quotes of one split, or null when the data is not there. */
export function readPolnear(dir: string, set: string): PolnearDoc[] | null {
  const goldPath = join(dir, set, 'gold.json');
  if (!existsSync(goldPath)) return null;
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')).documents as Record<string, { quotes: PolnearQuote[]; ignore?: GoldSpan[] }>;
  const files = new Set(readdirSync(join(dir, set, 'articles')));
  return Object.entries(gold).filter(([f]) => files.has(f)).map(([file, d]) => ({
    file,
    text: readFileSync(join(dir, set, 'articles', file), 'utf8'),
    quotes: d.quotes,
    ignore: d.ignore ?? [],
  }));
}

// Matching rules of score.mjs: spans compared after trimming marks, spaces and punctuation; names compared
// without titles and possessives, equal or with the same last name.
const TRIM = /[\s"“”'‘’`.,;:!?…()[\]{}\-—–―]/;
function norm(text: string, s: number, e: number): [number, number] {
  s = Math.max(0, s | 0);
  e = Math.min(text.length, e | 0);
  while (s < e && TRIM.test(text[s])) s++;
  while (e > s && TRIM.test(text[e - 1])) e--;
  return [s, e];
}
const overlap = (a: readonly number[], b: readonly number[]) => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
const TITLE = /^(mr|mrs|ms|miss|dr|sen|senator|rep|gov|president|vice|secretary|gen|rev|the|former|sir|lady|prof|judge|mayor|speaker)\.?$/;
const words = (s: string | null | undefined) => String(s ?? '').toLowerCase().replace(/[’']s\b/g, '').replace(/[^\p{L}\p{N}\s.-]/gu, ' ').split(/\s+/)
  .map((w) => w.replace(/^[.-]+|[.-]+$/g, '')).filter((w) => w && !TITLE.test(w));
const lastName = (ws: string[]) => ws.filter((w) => !/^(jr|sr|ii|iii|iv)$/.test(w)).pop();
export function nameMatch(p: string | null | undefined, g: string | null | undefined): boolean {
  const a = words(p), b = words(g);
  if (!a.length || !b.length) return false;
  if (a.join(' ') === b.join(' ') || lastName(a) === lastName(b)) return true;
  return b.length === 1 && a.includes(b[0]);
}
const sameText = (p: string, g: string | null) => words(p).join(' ') !== '' && words(p).filter((w) => !/^(a|an)$/.test(w)).join(' ') === words(g).filter((w) => !/^(a|an)$/.test(w)).join(' ');

/** Whether a predicted speaker counts as right for a gold quote (score.mjs's speakerOK). */
export function speakerRight(q: PolnearQuote, sp: Quote['speaker']): boolean {
  if (!q.source) return !sp || (q.nestedSpeaker !== undefined && q.nestedSpeaker !== null && nameMatch(sp.name, q.nestedSpeaker));
  if (!sp) return false;
  const span = Number.isInteger(sp.start) && Number.isInteger(sp.end) && sp.end > sp.start ? [sp.start, sp.end] : null;
  if (span && [q.source, ...(q.mentions ?? [])].some((m) => overlap(span, [m.start, m.end]) > 0)) return true;
  if (q.nestedSpeaker && nameMatch(sp.name, q.nestedSpeaker)) return true;
  return q.resolvable ? nameMatch(sp.name, q.sourceName) : sameText(sp.name, q.sourceName);
}

export interface PolnearScores {
  docs: number;
  gold: number;
  pred: number;
  exact: number;
  quoteF1: number;
  speakerAcc: number;
  speakerAccAll: number;
  resolvableMatched: number;
  resolvableRight: number;
  allRight: number;
  errors: Map<string, string[]>;
}

const PRONOUNS = /^(he|she|they|him|her|them|i|we|it|his|its|their|you)$/i;

/**
 * The kind of a speaker error, from what the gold source and the prediction are, so the remaining errors can be
 * counted by pattern: no speaker given, a pronoun source, a speaker named in another sentence, another name in
 * the same sentence (the listener, an outlet), a role or description as the source.
 */
function speakerErrorKind(doc: PolnearDoc, q: PolnearQuote, pred: Quote): string {
  const src = q.source!;
  const srcText = src.text.trim();
  const gap = doc.text.slice(Math.min(src.end, q.end), Math.max(src.start, q.start));
  const farSource = /\n/.test(gap) ? 'source in another paragraph' : /[.!?]["”’]?\s+\p{Lu}/u.test(gap) ? 'source in another sentence' : '';
  const srcKind = PRONOUNS.test(srcText) ? 'pronoun source' : /^\p{Lu}/u.test(srcText) && !/^(The|A|An)\s/.test(srcText) ? 'named source' : 'described source (role, group)';
  if (!pred.speaker) return `no speaker given / ${farSource || srcKind}`;
  if (!q.resolvable) return `wrong speaker / ${srcKind}, not resolvable to a name`;
  if (farSource) return `wrong speaker / ${farSource}`;
  return `wrong speaker / ${srcKind}`;
}

/** Analyses the split and scores it as score.mjs does; errors are grouped by kind with one line each. */
export function scorePolnear(docs: readonly PolnearDoc[], result: AnalysisResult): PolnearScores {
  const errors = new Map<string, string[]>();
  const add = (kind: string, line: string) => {
    const list = errors.get(kind) ?? [];
    list.push(line);
    errors.set(kind, list);
  };
  const T = { gold: 0, pred: 0, exact: 0, resM: 0, resOK: 0, allOK: 0 };
  docs.forEach((doc, d) => {
    const text = doc.text;
    const where = (at: number) => `${doc.file.slice(0, 40)}@${at}`;
    const snippet = (s: number, e: number) => JSON.stringify(text.slice(s, e).replace(/\s+/g, ' ').slice(0, 70));
    const G = doc.quotes.map((q) => ({ q, n: norm(text, q.start, q.end) }));
    const P = result.documents[d].quotes.map((p) => ({ p, n: norm(text, p.start, p.end) }))
      .filter(({ n }) => !(doc.ignore.some((x) => overlap(n, [x.start, x.end]) > 0) && !G.some((g) => overlap(n, g.n) > 0)));
    const used = new Set<number>();
    for (const g of G) {
      const k = P.findIndex((p, i) => !used.has(i) && p.n[0] === g.n[0] && p.n[1] === g.n[1] && g.n[1] > g.n[0]);
      if (k >= 0) { used.add(k); T.exact++; }
    }
    const pairs: [number, number, number][] = [];
    G.forEach((g, i) => P.forEach((p, j) => { const o = overlap(g.n, p.n); if (o > 0) pairs.push([o, i, j]); }));
    pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
    const gm = new Map<number, number>();
    const pu = new Set<number>();
    for (const [, i, j] of pairs) if (!gm.has(i) && !pu.has(j)) { gm.set(i, j); pu.add(j); }
    G.forEach(({ q, n }, i) => {
      const j = gm.get(i);
      if (j === undefined) {
        add('quote missed', `${where(q.start)} ${snippet(q.start, q.end)}`);
        return;
      }
      const p = P[j];
      if (p.n[0] !== n[0] || p.n[1] !== n[1]) add('quote span differs', `${where(q.start)} gold ${snippet(n[0], n[1])} got ${snippet(p.n[0], p.n[1])}`);
      const ok = speakerRight(q, p.p.speaker);
      if (ok) T.allOK++;
      if (q.resolvable) { T.resM++; if (ok) T.resOK++; }
      if (!ok) {
        const kind = q.source ? speakerErrorKind(doc, q, p.p) : 'speaker given where the gold has no source';
        add(kind, `${where(q.start)} ${snippet(q.start, q.end)} want ${JSON.stringify(q.sourceName ?? null)} (${JSON.stringify(q.source?.text ?? null)}) got ${JSON.stringify(p.p.speaker?.name ?? null)}${p.p.speaker ? ` ${snippet(p.p.speaker.start, p.p.speaker.end)}` : ''}`);
      }
    });
    P.forEach(({ p, n }, j) => {
      if (!pu.has(j)) add(p.kind === 'scare' ? 'quote spurious (scare quote)' : 'quote spurious (speech)', `${where(p.start)} ${snippet(n[0], n[1])}`);
    });
    T.gold += G.length;
    T.pred += P.length;
  });
  const p = T.pred ? T.exact / T.pred : 0;
  const r = T.gold ? T.exact / T.gold : 0;
  return {
    docs: docs.length, gold: T.gold, pred: T.pred, exact: T.exact,
    quoteF1: p + r ? (2 * p * r) / (p + r) : 0,
    speakerAcc: T.resM ? T.resOK / T.resM : 0,
    speakerAccAll: T.gold ? T.allOK / T.gold : 0,
    resolvableMatched: T.resM, resolvableRight: T.resOK, allRight: T.allOK,
    errors,
  };
}

/** Prints the figures and the errors by kind (all lines of every kind, or of the kinds containing `only`). */
export function evaluatePolnear(dir: string, recogniser: NameRecogniser, set = 'dev', listErrors: boolean | string = false, speakerModel?: SpeakerModel): PolnearScores | null {
  const docs = readPolnear(dir, set);
  if (!docs) {
    console.log(`polnear: skipped: no PolNeAR data at ${dir} (pass --polnear DIR holding ${set}/gold.json and ${set}/articles/)`);
    return null;
  }
  const t0 = performance.now();
  const result = analyzeArticles(docs.map((d) => ({ path: d.file, text: d.text })), { recogniser, speakerModel });
  const ms = performance.now() - t0;
  const s = scorePolnear(docs, result);
  const f3 = (x: number) => x.toFixed(3);
  console.log(`polnear ${set}: ${s.docs} articles, ${s.gold} gold quotes, ${s.pred} predicted, ${s.exact} exact (${ms.toFixed(0)} ms)`);
  console.log(`polnear ${set}: quoteF1 ${f3(s.quoteF1)} speakerAcc ${f3(s.speakerAcc)} (${s.resolvableRight}/${s.resolvableMatched}) speakerAccAll ${f3(s.speakerAccAll)} (${s.allRight}/${s.gold})`);
  const kinds = [...s.errors.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  console.log(`polnear ${set} remaining errors by kind:`);
  for (const [k, list] of kinds) console.log(`  ${String(list.length).padStart(4)}  ${k}`);
  if (listErrors) {
    for (const [k, list] of kinds) {
      if (typeof listErrors === 'string' && !k.includes(listErrors)) continue;
      console.log(`\n${k}:`);
      for (const l of list) console.log(`  ${l}`);
    }
  }
  return s;
}

if (require.main === module && /eval-polnear/.test(process.argv[1] ?? '')) {
  const arg = (name: string, dflt: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith('--') ? process.argv[i + 1] : dflt;
  };
  const dir = resolve(arg('--polnear', resolve(__dirname, '../../../shared/data/polnear')));
  const errs = process.argv.includes('--errors') ? arg('--errors', '') || true : false;
  evaluatePolnear(dir, loadRecogniser(), arg('--set', 'dev'), errs);
}
