/**
 * Seeded fuzz test of re-anchoring, with a truth that cannot be fooled: every UTF-16 unit of the
 * article carries an identity ("original unit k", "copy of original unit k", or "new") through every
 * edit, so after the last edit we know where each annotation's own text is, if anywhere. The truth,
 * the verdicts and the one excused case (a copy no method reading the final text can tell from the
 * moved original) are defined in reanchor-truth.ts and tested in reanchor-truth.test.ts.
 *
 * Both paths are checked on the same sequences: `reanchor` (the file changed outside the editor:
 * only the final text is seen) and `applyEdits` (the editor reported every change). Neither may give
 * a single wrong answer.
 *
 * Which sequences: sequence k is drawn from seed SEED + k. The engine's constants and this test's
 * limits were set on other sequences (TUNED_SEED + 0..999, the ones this test used to run, and fresh
 * draws); `npm test` and CI run CHECK_SEED + 0..999, never looked at while tuning. FUZZ_SEED=random
 * draws fresh sequences (the seed is printed), FUZZ_SEED=n replays a run (FUZZ_SEED=tuned the old
 * tuning sequences), FUZZ_SEQUENCES=n sets how many, FUZZ_ONLY=k runs only the k-th.
 * FUZZ_VERBOSE=1 prints every wrong answer, FUZZ_VERBOSE=2 also a sample of orphaned intact ones
 * that can be told apart (and their count by reason).
 *
 * The figures (counted in reanchor-tally.ts): (a) intact annotations that can be told apart from any
 * pasted copy, re-anchored exactly; (b) intact annotations with a copy the stored target cannot tell
 * from them (`copyTiesOriginal`): orphaned (right), on the original, on the copy (wrong); (c) the
 * headline, intact annotations exact or rightly orphaned; and the figure before the split, exact over
 * all intact annotations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, describe as describeTarget, reanchor, repeatsOf } from '../../src/core/anchoring';
import type { AnchorTarget } from '../../src/core/anchoring';
import { COPY, Doc, NEW, copyTiesOriginal, indistinguishable, isCopyOf, judge, truthOf } from './reanchor-truth';
import { count, headline, mostlyCopy, newTally, summary, type CopyClass } from './reanchor-tally';
import { mulberry32 } from '../../src/core/random';

const SEQUENCES = Number(process.env.FUZZ_SEQUENCES ?? 1000);
/** Sequence k is drawn from seed SEED + k (see the header). */
const TUNED_SEED = 0x5eed0000;
const CHECK_SEED = 0x21c10000;
function freshSeed(): number {
  for (;;) {
    const s = randomInt(0, 2 ** 31);
    const clear = (base: number) => s + SEQUENCES <= base || s >= base + 1000;
    if (clear(TUNED_SEED) && clear(CHECK_SEED)) return s;
  }
}
const SEED = process.env.FUZZ_SEED === 'tuned' ? TUNED_SEED : process.env.FUZZ_SEED === 'random' ? freshSeed() : process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : CHECK_SEED;
const REPLAY = `FUZZ_SEED=${SEED} FUZZ_SEQUENCES=${SEQUENCES}`;
const VERBOSE = !!process.env.FUZZ_VERBOSE;
const NO_REPEATS = !!process.env.FUZZ_NO_REPEATS;
const VERBOSE_ORPHANS = process.env.FUZZ_VERBOSE === '2';
const orphanReasons = new Map<string, number>();
const ANNOTATIONS_PER_ARTICLE = 133;
/** Floors of the headline figures (see the end of the test). */
const HEADLINE_FLOOR = 0.97;
const EDITOR_FLOOR = 0.968;

// ---------------------------------------------------------------------------------------------
// Seeds

function seedsDir(): string {
  // Bundled to out/test/unit/: the repo root is three levels up. Fall back to the working directory.
  const candidates = [path.resolve(__dirname, '../../../seeds'), path.resolve(__dirname, '../../seeds'), path.resolve(process.cwd(), 'seeds')];
  for (const c of candidates) if (fs.existsSync(c) && fs.readdirSync(c).some((f) => f.endsWith('.txt'))) return c;
  throw new Error(`seeds/ not found (looked in ${candidates.join(', ')})`);
}

function loadSeeds(): string[] {
  const dir = seedsDir();
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// Random

type Rng = () => number;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1)); // inclusive
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

// ---------------------------------------------------------------------------------------------
// The document under edit, with per-unit identities (Doc), and what the edits need to know of it

class FuzzDoc extends Doc {
  /** Current [start, end) of the surviving units of original span [s, e), or null. */
  currentSpan(s: number, e: number, pos: Int32Array): [number, number] | null {
    let a = Infinity;
    let b = -1;
    for (let k = s; k < e; k++) {
      const p = pos[k];
      if (p >= 0) {
        a = Math.min(a, p);
        b = Math.max(b, p);
      }
    }
    return b >= 0 ? [a, b + 1] : null;
  }

  /** Offsets of line starts of non-empty lines, with the line's end (excluding its line break). */
  lines(): { start: number; end: number; next: number }[] {
    const out: { start: number; end: number; next: number }[] = [];
    const t = this.text;
    let i = 0;
    while (i < t.length) {
      let j = t.indexOf('\n', i);
      if (j < 0) j = t.length;
      const end = j > i && t[j - 1] === '\r' ? j - 1 : j;
      if (end > i) out.push({ start: i, end, next: Math.min(t.length, j + 1) });
      i = j + 1;
    }
    return out;
  }

  /** Offsets where a new line can start (0 and after each line break). */
  lineBoundaries(): number[] {
    const out = [0];
    for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) out.push(i + 1);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Annotations picked from the seed: names, quotes, sentences

interface Span {
  start: number;
  end: number;
  kind: 'name' | 'quote' | 'sentence';
}

function pickAnnotations(text: string, r: Rng): Span[] {
  const names: Span[] = [];
  const quotes: Span[] = [];
  const sentences: Span[] = [];
  for (const m of text.matchAll(/\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*|\b[A-Z]{2,}\b/g)) {
    names.push({ start: m.index!, end: m.index! + m[0].length, kind: 'name' });
  }
  for (const m of text.matchAll(/["“„«]([^"“”„«»\n]{2,300})["”“»]/g)) {
    if (r() < 0.5) quotes.push({ start: m.index!, end: m.index! + m[0].length, kind: 'quote' });
    else quotes.push({ start: m.index! + 1, end: m.index! + m[0].length - 1, kind: 'quote' });
  }
  for (const m of text.matchAll(/[^.!?\n]+[.!?]["”’]?/g)) {
    const lead = m[0].length - m[0].trimStart().length;
    if (m[0].trim().length >= 20) sentences.push({ start: m.index! + lead, end: m.index! + m[0].length, kind: 'sentence' });
  }
  const shuffle = <T>(xs: T[]) => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  };
  const out: Span[] = [];
  const seen = new Set<string>();
  const take = (xs: Span[], n: number) => {
    for (const s of shuffle(xs)) {
      if (n <= 0) break;
      const key = `${s.start}:${s.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(s);
      n--;
    }
  };
  take(quotes, 20);
  take(sentences, 35);
  take(names, ANNOTATIONS_PER_ARTICLE - out.length);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Edits

const EMOJI = ['😀', '🇺🇦', '👍🏽', '🔥', '👨‍👩‍👧'];

function randomWords(r: Rng, vocab: string[], n: number): string {
  const ws: string[] = [];
  for (let i = 0; i < n; i++) ws.push(pick(r, vocab));
  return ws.join(' ');
}

function newParagraph(r: Rng, vocab: string[], names: string[]): string {
  const start = r() < 0.4 ? pick(r, names) + ' ' : '';
  return start + randomWords(r, vocab, int(r, 6, 35)) + '.';
}

/** Snap an offset so it does not split a surrogate pair or a CRLF. */
function snap(t: string, o: number): number {
  o = Math.max(0, Math.min(o, t.length));
  if (o > 0 && o < t.length) {
    const prev = t.charCodeAt(o - 1);
    if ((prev >= 0xd800 && prev <= 0xdbff) || (prev === 13 && t.charCodeAt(o) === 10)) o++;
  }
  return o;
}

/** Word ranges [start, end) of the text within [from, to). */
function wordsIn(t: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  const re = /[A-Za-z\u00C0-\u024F]+/g;
  re.lastIndex = Math.max(0, from);
  for (let m = re.exec(t); m && m.index < to; m = re.exec(t)) {
    if (m.index + m[0].length <= to) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

interface EditContext {
  r: Rng;
  doc: FuzzDoc;
  vocab: string[];
  names: string[];
  spans: Span[];
  origLength: number;
}

/** A random annotation's current range (surviving units), or null. */
function someSpan(c: EditContext): [number, number] | null {
  const pos = c.doc.positions(c.origLength);
  for (let tries = 0; tries < 10; tries++) {
    const s = pick(c.r, c.spans);
    const cur = c.doc.currentSpan(s.start, s.end, pos);
    if (cur) return cur;
  }
  return null;
}

/**
 * Words to replace the words of t[a, b): a rephrasing, so no new word equals the old word at the same
 * place counted from either end (else the identities would say "new" where the text is unchanged,
 * and no method could see the edit).
 */
function rephrasing(c: EditContext, a: number, b: number, n: number): string {
  const old = c.doc.text.slice(a, b).match(/[A-Za-z\u00C0-\u024F]+/g) ?? [];
  const ws: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = pick(c.r, c.vocab);
    for (let k = 0; k < 10 && (w === old[i] || w === old[old.length - n + i]); k++) w = pick(c.r, c.vocab);
    ws.push(w);
  }
  return ws.join(' ');
}

function replaceRange(c: EditContext, a: number, b: number, insert: string): void {
  a = snap(c.doc.text, a);
  b = snap(c.doc.text, Math.max(a, b));
  if (c.doc.text.slice(a, b) === insert) return; // not an edit: identities would lie
  c.doc.splice(a, b - a, insert);
}

const OPS: [number, string, (c: EditContext) => void][] = [
  [8, 'insert paragraph', (c) => {
    const at = pick(c.r, c.doc.lineBoundaries());
    c.doc.splice(at, 0, newParagraph(c.r, c.vocab, c.names) + '\n');
  }],
  [3, 'insert first line', (c) => {
    c.doc.splice(0, 0, newParagraph(c.r, c.vocab, c.names) + '\n');
  }],
  [6, 'delete paragraph', (c) => {
    const ls = c.doc.lines();
    if (ls.length < 3) return;
    const l = pick(c.r, ls);
    c.doc.splice(l.start, l.next - l.start, '');
  }],
  [6, 'move paragraph', (c) => {
    const ls = c.doc.lines();
    if (ls.length < 3) return;
    const l = pick(c.r, ls);
    const text = c.doc.text.slice(l.start, l.next);
    const ids = c.doc.ids.slice(l.start, l.next);
    const withBreak = text.endsWith('\n') ? text : text + '\n';
    const idsBreak = text.endsWith('\n') ? ids : [...ids, NEW];
    c.doc.splice(l.start, l.next - l.start, '');
    const at = pick(c.r, c.doc.lineBoundaries());
    c.doc.splice(at, 0, withBreak, idsBreak);
  }],
  [6, 'duplicate paragraph', (c) => {
    const ls = c.doc.lines();
    const l = pick(c.r, ls);
    const text = c.doc.text.slice(l.start, l.next);
    const ids = c.doc.ids.slice(l.start, l.next).map((id) => (id < 0 ? NEW : id >= COPY ? id : COPY + id));
    const withBreak = text.endsWith('\n') ? text : text + '\n';
    const idsBreak = text.endsWith('\n') ? ids : [...ids, NEW];
    const u = c.r();
    const at = u < 0.3 ? l.start : u < 0.6 ? l.next : pick(c.r, c.doc.lineBoundaries());
    if (at === c.doc.text.length && !c.doc.text.endsWith('\n')) {
      c.doc.splice(at, 0, '\n' + text.replace(/\n$/, ''), [NEW, ...ids.slice(0, text.replace(/\n$/, '').length)]);
    } else {
      c.doc.splice(at, 0, withBreak, idsBreak);
    }
  }],
  [12, 'replace word in or near a span', (c) => {
    const sp = someSpan(c);
    if (!sp) return;
    const inside = c.r() < 0.4;
    const ws = inside ? wordsIn(c.doc.text, sp[0], sp[1]) : wordsIn(c.doc.text, sp[0] - 40, sp[1] + 40).filter(([a, b]) => b <= sp[0] || a >= sp[1]);
    if (!ws.length) return;
    const [a, b] = pick(c.r, ws);
    let w = pick(c.r, c.vocab);
    for (let k = 0; k < 5 && w === c.doc.text.slice(a, b); k++) w = pick(c.r, c.vocab);
    replaceRange(c, a, b, w);
  }],
  [10, 'typo in a span', (c) => {
    const sp = someSpan(c);
    if (!sp) return;
    const t = c.doc.text;
    const ws = wordsIn(t, sp[0], sp[1]).filter(([a, b]) => b - a >= 2);
    if (!ws.length) return;
    const [a, b] = pick(c.r, ws);
    const i = int(c.r, a, b - 2);
    const kind = int(c.r, 0, 3);
    if (kind === 0) {
      if (t[i] !== t[i + 1]) replaceRange(c, i, i + 2, t[i + 1] + t[i]); // transposition
    } else if (kind === 1) {
      replaceRange(c, i, i + 1, ''); // dropped letter
    } else if (kind === 2) {
      replaceRange(c, i + 1, i + 1, pick(c.r, 'aeinorst'.split(''))); // extra letter
    } else {
      const ch = pick(c.r, 'aeinorstlmu'.split(''));
      if (ch !== t[i]) replaceRange(c, i, i + 1, ch); // wrong letter
    }
  }],
  [6, 'swap quote marks', (c) => {
    const ls = c.doc.lines();
    const l = pick(c.r, ls);
    const t = c.doc.text;
    const swaps: [number, string][] = [];
    let open = true;
    for (let i = l.start; i < l.end; i++) {
      const ch = t[i];
      if (ch === '"') {
        swaps.push([i, open ? '“' : '”']);
        open = !open;
      }
      else if (ch === '“' || ch === '”') swaps.push([i, '"']);
      else if (ch === "'") swaps.push([i, '’']);
      else if (ch === '’') swaps.push([i, "'"]);
    }
    for (const [i, ch] of swaps) c.doc.splice(i, 1, ch);
  }],
  [8, 'rephrase around a span', (c) => {
    const sp = someSpan(c);
    if (!sp) return;
    const t = c.doc.text;
    const n = int(c.r, 1, 4);
    if (c.r() < 0.5) {
      const ws = wordsIn(t, sp[0] - 50, sp[0] - 1).filter(([, b]) => b < sp[0]);
      if (ws.length < n) return;
      const a = ws[ws.length - n][0];
      const b = ws[ws.length - 1][1];
      replaceRange(c, a, b, rephrasing(c, a, b, int(c.r, 1, 4)));
    } else {
      const ws = wordsIn(t, sp[1] + 1, sp[1] + 50);
      if (ws.length < n) return;
      replaceRange(c, ws[0][0], ws[n - 1][1], rephrasing(c, ws[0][0], ws[n - 1][1], int(c.r, 1, 4)));
    }
  }],
  [5, 'rephrase inside a span', (c) => {
    const sp = someSpan(c);
    if (!sp) return;
    const ws = wordsIn(c.doc.text, sp[0], sp[1]);
    if (ws.length < 2) return;
    const n = int(c.r, 1, ws.length);
    const i = int(c.r, 0, ws.length - n);
    replaceRange(c, ws[i][0], ws[i + n - 1][1], rephrasing(c, ws[i][0], ws[i + n - 1][1], int(c.r, 1, n + 1)));
  }],
  [6, 'emoji before a span', (c) => {
    const sp = someSpan(c);
    if (!sp) return;
    c.doc.splice(sp[0], 0, pick(c.r, EMOJI) + ' ');
  }],
  [2, 'LF to CRLF', (c) => {
    if (c.doc.text.includes('\r')) return;
    const t = c.doc.text;
    for (let i = t.lastIndexOf('\n'); i >= 0; i = i > 0 ? t.lastIndexOf('\n', i - 1) : -1) c.doc.splice(i, 0, '\r');
  }],
  [5, 'delete a sentence', (c) => {
    const ms = [...c.doc.text.matchAll(/[^.!?\n]+[.!?]/g)];
    if (!ms.length) return;
    const m = pick(c.r, ms);
    replaceRange(c, m.index!, m.index! + m[0].length, '');
  }],
  [4, 'paste a copy of a sentence', (c) => {
    // Copy and paste: a sentence (often a quote) pasted into another paragraph or as a paragraph of its
    // own. Its units are copies, so an answer on the copy is wrong while the original survives.
    const t = c.doc.text;
    const ms = [...t.matchAll(/[^.!?\n]+[.!?]["”’]?/g)].filter((m) => m[0].trim().length >= 20);
    if (!ms.length) return;
    const m = pick(c.r, ms);
    const lead = m[0].length - m[0].trimStart().length;
    const from = m.index! + lead;
    const to = m.index! + m[0].length;
    if (c.r() < 0.5) {
      const ws = wordsIn(t, 0, t.length);
      if (!ws.length) return;
      const [at] = pick(c.r, ws);
      if (at > from && at < to) return; // not into the sentence itself
      c.doc.splice(at, 0, ' '); // the space after the pasted sentence
      c.doc.pasteCopy(from < at ? from : from + 1, from < at ? to : to + 1, at);
    } else {
      const at = pick(c.r, c.doc.lineBoundaries());
      c.doc.splice(at, 0, '\n'); // the pasted sentence's own line
      c.doc.pasteCopy(from < at ? from : from + 1, from < at ? to : to + 1, at);
    }
  }],
  [6, 'insert words', (c) => {
    const ws = wordsIn(c.doc.text, 0, c.doc.text.length);
    if (!ws.length) return;
    const [a] = pick(c.r, ws);
    c.doc.splice(a, 0, randomWords(c.r, c.vocab, int(c.r, 1, 6)) + ' ');
  }],
  [5, 'delete a range', (c) => {
    const t = c.doc.text;
    const a = snap(t, int(c.r, 0, Math.max(0, t.length - 1)));
    replaceRange(c, a, a + int(c.r, 1, 60), '');
  }],
];
const OP_WEIGHT = OPS.reduce((s, [w]) => s + w, 0);

function randomOp(r: Rng): [string, (c: EditContext) => void] {
  let x = r() * OP_WEIGHT;
  for (const [w, name, f] of OPS) {
    if ((x -= w) < 0) return [name, f];
  }
  return [OPS[0][1], OPS[0][2]];
}

// ---------------------------------------------------------------------------------------------

test(`re-anchoring survives ${SEQUENCES} edit sequences it was not tuned on without a wrong answer (truth by per-unit identity; ${REPLAY})`, () => {
  const seeds = loadSeeds();
  assert.ok(seeds.length > 0);
  const vocab = [...new Set(seeds.join(' ').match(/[A-Za-z]{2,}/g) ?? [])];
  const names = [...new Set(seeds.join(' ').match(/\b[A-Z][a-z]{2,}\b/g) ?? [])];
  const outside = newTally();
  const editor = newTally();
  let total = 0;
  let reanchorMs = 0;
  const t0 = Date.now();

  const only = process.env.FUZZ_ONLY ? Number(process.env.FUZZ_ONLY) : -1;
  for (let seq = 0; seq < SEQUENCES; seq++) {
    if (only >= 0 && seq !== only) continue;
    const r = mulberry32(SEED + seq);
    const original = seeds[seq % seeds.length];
    const spans = pickAnnotations(original, r);
    const targets: AnchorTarget[] = spans.map((s) => describeTarget(original, s.start, s.end));
    const doc = new FuzzDoc(original);
    const ctx: EditContext = { r, doc, vocab, names, spans, origLength: original.length };
    const nOps = int(r, 5, 15);
    const edits: string[] = [];
    for (let k = 0; k < nOps; k++) {
      const [name, op] = randomOp(r);
      const before = doc.changes.length;
      op(ctx);
      if (doc.changes.length > before) edits.push(name);
    }

    doc.heal(original);
    const pos = doc.positions(original.length);
    if (process.env.FUZZ_DUMP) {
      const line = JSON.stringify({ seq, original, final: doc.text, ids: doc.ids, targets, truth: spans.map((s) => truthOf(s, pos)) }, (k, v) => (v instanceof Set ? [...v] : v));
      if (only >= 0) fs.writeFileSync(process.env.FUZZ_DUMP, line);
      else fs.appendFileSync(process.env.FUZZ_DUMP, line + '\n');
    }
    const c1 = process.cpuUsage();
    // The old text's fingerprint, as a sidecar stores it beside the targets (FUZZ_NO_REPEATS=1: without).
    const out = reanchor(doc.text, targets, { repeats: NO_REPEATS ? undefined : repeatsOf(original) });
    const c1d = process.cpuUsage(c1);
    reanchorMs += (c1d.user + c1d.system) / 1000;
    const replay = applyEdits(targets, doc.changes);
    assert.equal(out.length, targets.length);
    assert.equal(replay.length, targets.length);

    // Which annotations have a complete pasted copy of their text somewhere in the final text.
    const copyStarts = new Map<number, number[]>();
    doc.ids.forEach((id, j) => {
      if (id >= COPY) (copyStarts.get(id - COPY) ?? copyStarts.set(id - COPY, []).get(id - COPY)!).push(j);
    });
    const copied = spans.map((s) => (copyStarts.get(s.start) ?? []).some((j) => isCopyOf(doc, s, j, j + s.end - s.start)));
    let shownEdits = false;
    for (let i = 0; i < spans.length; i++) {
      total++;
      const truth = truthOf(spans[i], pos);
      const copy: CopyClass = !copied[i] ? 'none' : copyTiesOriginal(doc, spans[i], truth, targets[i].quote) ? 'tied' : 'told-apart';
      for (const [tally, res, label] of [
        [outside, out[i], 'reanchor'],
        [editor, replay[i], 'applyEdits'],
      ] as const) {
        if (!res || !['anchored', 'moved', 'orphaned'].includes(res.status)) {
          tally.missing++;
          continue;
        }
        const v = judge(truth, res);
        const excused = v === 'wrong' && indistinguishable(doc, spans[i], truth, res.start!, res.end!);
        const onCopy = v === 'wrong' && mostlyCopy(doc, spans[i], res.start!, res.end!);
        count(tally, truth, v, excused, onCopy, copy);
        if (VERBOSE_ORPHANS && label === 'reanchor' && v === 'orphan' && truth.kind === 'intact' && copy !== 'tied') {
          const q = targets[i].quote;
          const reason = `${('reason' in res ? res.reason : '') ?? ''}${copy === 'told-apart' ? ' (copy told apart)' : ''}`;
          orphanReasons.set(reason, (orphanReasons.get(reason) ?? 0) + 1);
          if (r() < 0.05) {
            console.log(
              `ORPHAN seq ${seq} #${i} ${reason} ${JSON.stringify(q.exact.slice(0, 60))} truth [${truth.start},${truth.end})\n` +
                `   context now: ${JSON.stringify(doc.text.slice(Math.max(0, truth.start - 40), truth.end + 40))}\n` +
                `   stored:      ${JSON.stringify(q.prefix + '[' + q.exact.slice(0, 60) + ']' + q.suffix)}`,
            );
          }
        }
        if (v === 'wrong' && VERBOSE) {
          if (!shownEdits) console.log(`seq ${seq} edits: ${edits.join(', ')}`);
          shownEdits = true;
          const q = targets[i].quote;
          const where = truth.kind === 'intact' ? `[${truth.start},${truth.end})` : truth.kind;
          console.log(
            `${excused ? 'EXCUSED' : 'WRONG'} ${label} seq ${seq} #${i} ${truth.kind} ${JSON.stringify(q.exact.slice(0, 60))} ` +
              `truth ${where} got [${res.start},${res.end}) ${JSON.stringify(doc.text.slice(res.start!, res.end!).slice(0, 60))}` +
              ` ${'method' in res ? res.method : ''} score ${'score' in res ? res.score : ''}${excused ? ' (indistinguishable copy)' : onCopy ? ' (a copy)' : ''}\n` +
              `   context now: ${JSON.stringify(doc.text.slice(Math.max(0, res.start! - 40), res.end! + 40))}\n` +
              `   stored:      ${JSON.stringify(q.prefix + '[' + q.exact.slice(0, 60) + ']' + q.suffix)}`,
          );
        }
      }
    }
  }

  console.log(`fuzz: ${SEQUENCES} sequences from seed ${SEED} (replay: ${REPLAY}), ${total} annotations, ${((Date.now() - t0) / 1000).toFixed(1)} s (reanchor: ${reanchorMs.toFixed(0)} ms of CPU)`);
  console.log(summary('reanchor (outside edits)', outside, total));
  if (VERBOSE_ORPHANS) console.log('intact orphaned that can be told apart, by reason:', [...orphanReasons]);
  console.log(summary('applyEdits (in-editor replay)', editor, total));

  const replay = `(replay: ${REPLAY} FUZZ_VERBOSE=1 node --test out/test/unit/reanchor-fuzz.test.js)`;
  for (const [name, t] of [['reanchor', outside], ['applyEdits', editor]] as const) {
    assert.equal(t.missing, 0, `${name}: every annotation gets a result (none disappears) ${replay}`);
    assert.equal(t.intact + t.damaged + t.destroyed, total);
    assert.equal(t.wrong, 0, `${name}: no annotation attached to wrong text, a copy while the original survives included ${replay}`);
    assert.equal(t.destroyedOrphaned + t.indistinguishable, t.destroyed, `${name}: every destroyed annotation orphaned ${replay}`);
  }
  // The in-editor replay sees every change: not even an indistinguishable copy takes it in.
  assert.equal(editor.indistinguishable, 0, `applyEdits: never on a copy ${replay}`);
  // The headline (issue 19 asks for 97%): (c) intact annotations re-anchored exactly, or orphaned
  // where a pasted copy ties them (reanchor-truth.ts `copyTiesOriginal`: then orphaning is right, the
  // copy wrong); and (a) the intact ones that can be told apart, exactly. The reanchor floor is the issue's
  // 97%: CHECK (a) 97.08%, (c) 97.16%; 22 fresh draws (a) 97.00-97.26% (src/core/anchoring/README.md).
  for (const [name, t, floor] of [['reanchor', outside, HEADLINE_FLOOR], ['applyEdits', editor, EDITOR_FLOOR]] as const) {
    assert.equal(t.tiedCopy, 0, `${name}: never on a copy that ties the original ${replay}`);
    assert.ok(headline(t) >= floor, `${name}: (c) intact exact or correctly orphaned ${replay}`);
    assert.ok(t.apartExact / t.apart >= floor, `${name}: (a) intact that can be told apart, exact ${replay}`);
  }
  // The figure before (a)-(c): every intact annotation, copies included (a copy orphans it).
  assert.ok(outside.intactExact / outside.intact >= 0.92, `reanchor: intact re-anchored exactly ${replay}`);
  assert.ok(editor.intactExact / editor.intact >= 0.96, `applyEdits: intact followed exactly ${replay}`);
});
