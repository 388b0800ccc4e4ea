/**
 * Who said a quote: every plausible speaker near it (named people and organisations, capitalised names the
 * recogniser missed, pronouns, descriptions such as `the mayor` or `a spokeswoman for the campaign`, the
 * speaker of the quote before, or nobody) described by features (the cue verb it is subject or object of,
 * side and distance, punctuation, paragraph, apposition, possessives, listeners), then ranked by a linear
 * model trained on PolNeAR's train split (scripts/train-speakers.ts, models/speaker-polnear.json).
 * The scores come from the model (speakers.ts); attribute.ts picks and names the speaker.
 * Pure TypeScript, no Node or vscode imports: it runs in browsers too.
 */
import type { ArticleDocument } from '../document';
import type { QuoteSpan } from './scan';
import type { SpanRef } from '../contract';
import type { CandidateKind, SpeakerCandidate } from './speakers';
import { bareRoleRegExp, roleRegExp } from './lexicon';
import { bucket, type SpeakerContext } from './context';
import { cueRelation, cueVsQuote, DETERMINERS } from './relations';
import { splitCount } from '../text/words';

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'i', 'we']);
/** Words that end a subject going leftwards from a cue (`…, and the mayor said`). */
const CLAUSE_WORDS = new Set(['that', 'and', 'but', 'who', 'which', 'as', 'when', 'while', 'if', 'because', 'so', 'or', 'where', 'after', 'before', 'than', 'what', 'how', 'why', 'said', 'says']);
const HEAD_PLURAL = /s$/;
/** Prepositions a description stops at (`a senior official on a conference call`), but for `of`/`for` (`a spokeswoman for the campaign`). */
const STOP_PREPOSITIONS = new Set(['on', 'in', 'at', 'with', 'from', 'during', 'after', 'before', 'to', 'into', 'about', 'over', 'under', 'by', 'via', 'through', 'since', 'told', 'was', 'is', 'has', 'had', 'were', 'are', 'also', 'would', 'will']);
/** People and groups that speak when no name is given (`a senior administration official`, `Russian officials`, `authorities`). */
const ROLE = roleRegExp();
const BARE_ROLE = bareRoleRegExp();

/** Titles standing before a name (`Mr. Trump`, `Sen. Warren`): not names of their own. */
const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'sgt', 'st', 'jr', 'sr', 'prof', 'rev', 'pres', 'lt.', 'del']);
/**
 * The candidates for one quote, each with its features. `previous` is the speaker chosen for the quote
 * before (or null), which a continuation with no cue of its own takes over.
 */
export function speakerCandidates(ctx: SpeakerContext, qi: number, previous: { speaker: SpeakerCandidate | null; span: QuoteSpan } | null, spoken: ReadonlySet<string> = new Set()): SpeakerCandidate[] {
  const { doc, tokens: T } = ctx;
  const text = doc.text;
  const q = ctx.spans[qi];
  const qOpen = q.open >= 0 ? q.open : q.start;
  const qClose = q.close >= 0 ? q.close + 1 : q.end;
  const block = ctx.blockIndex(qOpen);
  const b = doc.blocks[block];
  // A quote in the article's headlines speaks for whoever its own line names, or nobody: in PolNeAR's train split
  // every quote in a title has its source in that line, or none.
  const headline = inHeadlines(doc, block);
  const nextBlock = doc.blocks[block + 1];
  const winStart = headline ? b.start : Math.max(doc.blocks[Math.max(0, block - 1)].start, qOpen - 600);
  const winEnd = headline ? b.end : Math.min(Math.max(b.end, nextBlock ? Math.min(nextBlock.end, nextBlock.start + 200) : b.end), qClose + 400);
  const qSent = ctx.sentenceIndex(qOpen);
  const qSentEnd = ctx.sentenceIndex(Math.max(qOpen, qClose - 1));
  const words = splitCount(text.slice(q.start, q.end).trim());
  const lastCh = text.slice(q.start, q.end).replace(/[\s”"’'’]+$/, '').slice(-1);
  const qEnd = lastCh === ',' ? 'comma' : lastCh === '.' ? 'period' : lastCh === '?' ? 'q' : lastCh === '!' ? 'excl' : lastCh === '—' || lastCh === '-' ? 'dash' : 'none';
  const startsPara = text.slice(b.start, qOpen).trim() === '';
  const endsPara = text.slice(qClose, b.end).trim() === '' || /^[.,;]?\s*$/.test(text.slice(qClose, b.end));
  // (Block kinds only: a patch analyses a region whose first block is not the article's first.)
  const heading = doc.blocks[block].kind === 'heading';
  const quoteFeats = [`qlen=${bucket(words, [1, 2, 3, 5, 8, 15])}`, `qend=${qEnd}`, startsPara ? 'q-starts-para' : 'q-in-para', endsPara ? 'q-ends-para' : 'q-mid-para'];
  if (heading) quoteFeats.push('q-heading');
  if (q.continued) quoteFeats.push('q-continued');
  if (q.close < 0) quoteFeats.push('q-unclosed');
  if (/^\p{Lu}/u.test(text.slice(q.start, q.end)) && words <= 6 && text.slice(q.start, q.end).split(/\s+/).every((w) => /^[\p{Lu}\d]/u.test(w) || /^(of|the|a|an|and|in|on|to|for|with)$/.test(w))) quoteFeats.push('q-titlecase');
  // Cues in the quote's sentence(s), outside any quote.
  const sStart = doc.sentences[qSent]?.start ?? qOpen;
  const sEnd = Math.max(doc.sentences[qSentEnd]?.end ?? qClose, qClose);
  let cuesInSentence = 0;
  let cuesInPara = 0;
  for (let i = ctx.tokenAt(b.start); i < T.length && T[i].s < b.end; i++) {
    if (ctx.isCue(T[i]) && !ctx.insideQuote(T[i].s)) {
      cuesInPara++;
      if (T[i].s >= sStart && T[i].s < sEnd) cuesInSentence++;
    }
  }
  quoteFeats.push(`cues-sent=${bucket(cuesInSentence, [0, 1])}`, `cues-para=${bucket(cuesInPara, [0, 1])}`);
  // The cue nearest the quote in its sentence(s).
  let nearestCue = -1;
  let nearestDist = Infinity;
  for (let i = ctx.tokenAt(sStart); i < T.length && T[i].s < sEnd; i++) {
    const isAccording = T[i].w === 'to' && T[i - 1]?.w === 'according';
    if (!(ctx.isCue(T[i]) || isAccording) || ctx.insideQuote(T[i].s) || (T[i].s >= qOpen && T[i].s < qClose)) continue;
    const d = T[i].s >= qClose ? i - ctx.tokenAt(qClose) : ctx.tokenAt(qOpen) - i;
    if (d < nearestDist) { nearestDist = d; nearestCue = i; }
  }
  const rule = ctx.rules[qi];
  quoteFeats.push(rule ? 'rule-speaks' : 'rule-silent', `rule=${rule?.rule ?? 'none'}`);

  const out: SpeakerCandidate[] = [];
  /** Each candidate's cue token and relation to it (for the comparison with the others, below). */
  const relOf = new Map<SpeakerCandidate, { rel: string; cue: number }>();
  const taken: [number, number][] = [];
  const overlapsTaken = (s: number, e: number) => taken.some(([a, z]) => s < z && a < e);

  /**
   * A candidate and its features. `label` marks a transcript's speaker label opening the quote (`“WALLACE: Let’s
   * start…`): it reads as `WALLACE said: “Let’s start…`, so it gets that attribution's features.
   */
  const describe = (c: Omit<SpeakerCandidate, 'features' | 'cue'>, firstTok: number, lastTok: number, label = false): SpeakerCandidate => {
    const f: string[] = [];
    const k = c.kind === 'PRONOUN' ? `PRON-${text.slice(c.start, c.end).toLowerCase()}` : c.kind;
    const before = label || c.end <= qOpen;
    const side = before ? 'B' : 'A';
    const gapTokens = label ? 0 : before ? ctx.tokenAt(qOpen) - lastTok - 1 : firstTok - ctx.tokenAt(qClose);
    const cs = ctx.sentenceIndex(c.start);
    const cb = ctx.blockIndex(c.start);
    const loc = label ? 'same-sent' : cb !== block ? (cb < block ? 'prev-para' : 'next-para') : cs >= qSent && cs <= qSentEnd ? 'same-sent' : cs < qSent ? (cs === qSent - 1 ? 'prev-sent' : 'prev-sent2') : cs === qSentEnd + 1 ? 'next-sent' : 'next-sent2';
    const dist = bucket(Math.max(0, gapTokens), [0, 1, 2, 4, 7, 12, 20, 35]);
    f.push(`k=${k}`, `side=${side}`, `loc=${loc}`, `k=${k}|loc=${loc}`, `side=${side}|dist=${dist}`, `k=${k}|side=${side}|dist=${dist}`, `loc=${loc}|side=${side}`);
    // A name set off after the quote by a dash, ending its paragraph (`“…” ― Pamela Padilla`), signs it as `said X` would.
    const signed = !before && cb === block && /^\s*(?:[―—–]|--)\s*$/.test(text.slice(qClose, c.start)) && !/["“”]/.test(text.slice(c.end, b.end)) && b.end - c.end <= 80;
    const rel = label || signed ? null : cueRelation(ctx, firstTok, lastTok);
    let cue: SpanRef | null = null;
    if (label || signed) {
      const [r, where] = label ? ['subj', 'cue-before-<=0-colon'] : ['obj', 'cue-after-<=0-comma'];
      f.push(label ? 'label' : 'signed', 'cue-nearest', `cue-nearest|rel=${r}`, `cue-nearest|${where}`, `rel=${r}`, `rel=${r}|${where}`, where, `${where}|cs`, `rel=${r}|k=${k}`, `${where}|qend=${qEnd}`, `rel=${r}|${where}|k=${k}`);
    } else if (rel) {
      const ct = T[rel.cue];
      cue = rel.rel === 'according' ? { start: T[rel.cue - 1].s, end: ct.e, text: doc.source.slice(T[rel.cue - 1].s, ct.e) } : { start: ct.s, end: ct.e, text: doc.source.slice(ct.s, ct.e) };
      const where = cueVsQuote(ctx, rel.cue, q);
      const cueSent = ctx.sentenceIndex(ct.s);
      const sameSent = cueSent >= qSent && cueSent <= qSentEnd ? 'cs' : 'co';
      if (rel.cue === nearestCue) f.push('cue-nearest', `cue-nearest|rel=${rel.rel}`, `cue-nearest|${where}`);
      else if (nearestCue >= 0) f.push('cue-not-nearest', `cue-not-nearest|rel=${rel.rel}`, `cue-not-nearest|${where.replace(/-(?:comma|colon)$/, '')}`);
      // The cue introduces another quote more nearly than this one (`…, according to X, was “satisfied”, an official said “…”`).
      if (ctx.nearestQuote(rel.cue) !== qi) f.push('cue-serves-other-quote', `cue-serves-other-quote|rel=${rel.rel}`);
      f.push(`rel=${rel.rel}`, `rel=${rel.rel}|cue=${ct.w}`, `cue=${ct.w}`, `rel=${rel.rel}|${where}`, `${where}`, `${where}|${sameSent}`, `rel=${rel.rel}|k=${k}`, `${where}|qend=${qEnd}`, `rel=${rel.rel}|${where}|k=${k}`);
    } else f.push('rel=none', `rel=none|loc=${loc}`, `rel=none|k=${k}`);
    if (rule && c.start < rule.end && rule.start < c.end) f.push('rule-pick', `rule-pick|k=${k}`, `rule-pick|by=${rule.rule}`, `rule-pick|by=${rule.rule}|k=${k}`);
    else if (rule) f.push(`rule-other|by=${rule.rule}`);
    // Other quotes standing between the candidate and this one.
    const between = label ? 0 : before ? ctx.quotesBetween(c.end, qOpen) : ctx.quotesBetween(qClose, c.start);
    f.push(`quotes-between=${bucket(between, [0, 1])}`, `quotes-between=${bucket(between, [0, 1])}|rel=${rel ? 'cue' : label || signed ? 'cue' : 'none'}`);
    const key = speakerKey(c);
    if (key && spoken.has(key)) f.push('spoke-before', `spoke-before|k=${k}`, `spoke-before|loc=${loc}`);
    if (!before && /^\s*[―—–-]+\s*$/.test(text.slice(qClose, c.start)) && ctx.blockIndex(c.start) === block) f.push('dash-after');
    if (heading && cb === block) {
      // A headline's speaker is its subject (`Christie: …`, `Limbaugh Hits … ‘…’`): the first name of the line.
      const firstCap = text.slice(b.start, c.start).search(/\p{Lu}/u);
      f.push(firstCap < 0 || b.start + firstCap >= c.start ? 'heading-first' : 'heading-later');
      if (/^\s*:/.test(text.slice(c.end, c.end + 3))) f.push('heading-colon');
    }
    const prevTok = T[firstTok - 1];
    const nextTok = T[lastTok + 1];
    const pw = prevTok ? (prevTok.word ? prevTok.w : `P${prevTok.w}`) : '^';
    const nw = nextTok ? (nextTok.word ? nextTok.w : `P${nextTok.w}`) : '$';
    f.push(`pw=${pw}`, `nw=${nw}`, `pw=${pw}|k=${k}`);
    if (nextTok && (nextTok.w === '’s' || nextTok.w === "'s" || (nextTok.w === '’' || nextTok.w === "'") && T[lastTok + 2]?.w === 's')) f.push('possessive');
    if (/[’']s$/i.test(text.slice(c.start, c.end))) f.push('possessive');
    if (prevTok && prevTok.word && T[firstTok - 2] && (T[firstTok - 2].w === '’s' || T[firstTok - 2].w === "'s")) f.push('after-possessive');
    if (doc.blocks[cb].kind === 'heading') f.push('cand-heading');
    if (c.kind === 'NAME' && firstTok > 0 && /^[.!?”"]$/.test(T[firstTok - 1].w)) f.push('name-sentence-initial');
    if (c.kind === 'NAME' && lastTok === firstTok) f.push('name-one-word');
    out.push({ ...c, cue, features: [...f, ...quoteFeats.map((x) => `${k === 'NONE' ? 'none' : 'cand'}:${x}`)] });
    if (rel) relOf.set(out[out.length - 1], rel);
    else if (label || signed) relOf.set(out[out.length - 1], { rel: label ? 'subj' : 'obj', cue: nearestCue });
    return out[out.length - 1];
  };

  // 1. Roles (`a senior administration official`, `Russian officials`, `authorities`), wherever they stand; a name inside one is not the speaker.
  for (const re of [ROLE, BARE_ROLE]) {
    re.lastIndex = 0;
    const seg = text.slice(winStart, winEnd);
    for (let m = re.exec(seg); m; m = re.exec(seg)) {
      const s0 = winStart + m.index;
      const e0 = s0 + m[0].length;
      if (overlapsTaken(s0, e0) || ctx.insideQuote(s0) || (s0 < qClose && qOpen < e0)) continue;
      const i0 = ctx.tokenAt(s0);
      const j0 = ctx.tokenAt(e0) - 1;
      taken.push([s0, e0]);
      describe({ kind: 'DESC', name: m[0], entityId: null, start: s0, end: e0 }, i0, j0);
      out[out.length - 1].features.push(re === ROLE ? 'role' : 'role-bare', `desc-head=${T[j0].w.replace(HEAD_PLURAL, '')}`);
    }
  }
  // 2. Named mentions outside quotes and roles.
  for (const m of ctx.mentions) {
    if (m.end <= winStart) continue;
    if (m.start >= winEnd) break;
    if (m.type !== 'PERSON' && m.type !== 'ORG' && m.type !== 'PLACE') continue;
    if (ctx.insideQuote(m.start) || (m.start < qClose && qOpen < m.end) || overlapsTaken(m.start, m.end)) continue;
    taken.push([m.start, m.end]);
    describe({ kind: m.type, name: m.text, entityId: m.entityId, start: m.start, end: m.end }, ctx.tokenAt(m.start), ctx.tokenAt(m.end) - 1);
  }
  // 3. Capitalised names the recogniser missed, pronouns, and descriptions next to cues.
  const from = ctx.tokenAt(winStart);
  for (let i = from; i < T.length && T[i].s < winEnd; i++) {
    const t = T[i];
    if (!t.word || (t.s >= qOpen && t.s < qClose) || ctx.insideQuote(t.s)) continue;
    if (PRONOUNS.has(t.w) && (t.w !== 'i' || t.cap)) {
      if (t.w === 'it' && !ctx.isCue(T[i + 1]) && !ctx.isCue(T[i - 1])) continue;
      const ante = ctx.antecedent(t.w, t.s, previous?.speaker ?? null);
      describe({ kind: 'PRONOUN', name: ante?.text ?? text.slice(t.s, t.e), entityId: ante?.entityId ?? null, start: t.s, end: t.e }, i, i);
      continue;
    }
    if (TITLES.has(t.w)) continue;
    if (t.cap && !overlapsTaken(t.s, t.e) && !DETERMINERS.has(t.w) && !PRONOUNS.has(t.w) && !ctx.isCue(t)) {
      let j = i;
      while (j + 1 < T.length && T[j + 1].cap && T[j + 1].word && !overlapsTaken(T[j + 1].s, T[j + 1].e) && j - i < 3 && !ctx.insideQuote(T[j + 1].s)) j++;
      taken.push([t.s, T[j].e]);
      describe({ kind: 'NAME', name: text.slice(t.s, T[j].e), entityId: null, start: t.s, end: T[j].e }, i, j);
      i = j;
      continue;
    }
    if (DETERMINERS.has(t.w) || /^\d/.test(t.w)) {
      // A description: determiner + up to five words, ending right before a cue (`the mayor said`) or right
      // after one (`said a spokeswoman for the campaign`), stopping at punctuation.
      let j = i;
      let ok = false;
      while (j + 1 < T.length && j - i < 6 && T[j + 1].word && !CLAUSE_WORDS.has(T[j + 1].w) && !STOP_PREPOSITIONS.has(T[j + 1].w) && !(T[j + 1].s >= qOpen && T[j + 1].s < qClose)) {
        j++;
        if (ctx.isCue(T[j])) { j--; break; }
      }
      if (j > i) {
        const rel = cueRelation(ctx, i, j);
        ok = !!rel && (rel.rel !== 'by' || true);
      }
      if (ok && !overlapsTaken(t.s, T[j].e)) {
        const head = T[j].w.replace(HEAD_PLURAL, '');
        describe({ kind: 'DESC', name: text.slice(t.s, T[j].e), entityId: null, start: t.s, end: T[j].e }, i, j);
        taken.push([t.s, T[j].e]);
        out[out.length - 1].features.push(`desc-head=${head}`);
      }
    }
  }
  // 4. A transcript's speaker label opening the quote (`“WALLACE: Let’s start…`, `“PENCE: Well, look…`).
  const label = /^\s*(\p{Lu}[\p{Lu}’'.-]+(?:\s+\p{Lu}[\p{Lu}’'.-]+){0,2}):\s/u.exec(text.slice(q.start, q.start + 60));
  if (label) {
    const s0 = q.start + label[0].indexOf(label[1]);
    const e0 = s0 + label[1].length;
    const m = ctx.mentions.find((x) => x.start === s0 && x.end === e0 && (x.type === 'PERSON' || x.type === 'ORG'));
    describe({ kind: m ? (m.type as 'PERSON' | 'ORG') : 'NAME', name: label[1], entityId: m?.entityId ?? null, start: s0, end: e0 }, ctx.tokenAt(s0), ctx.tokenAt(e0) - 1, true);
  }
  // 5. The speaker of the quote before, for continuations with no cue of their own.
  if (previous?.speaker && !headline) {
    const pb = ctx.blockIndex(previous.span.open >= 0 ? previous.span.open : previous.span.start);
    const paras = block - pb;
    if (paras <= 2) {
      const p = previous.speaker;
      const f = [`prev-paras=${paras}`, `prev-kind=${p.kind}`, `prev-paras=${paras}|cues-para=${bucket(cuesInPara, [0, 1])}`, `prev-paras=${paras}|cues-sent=${bucket(cuesInSentence, [0, 1])}`];
      if (q.continued) f.push('prev-continued');
      if (rule && p.start < rule.end && rule.start < p.end) f.push('rule-pick', 'rule-pick|k=PREV', `rule-pick|by=${rule.rule}`, `rule-pick|by=${rule.rule}|k=PREV`);
      else if (rule) f.push(`rule-other|by=${rule.rule}`);
      const prevClose = previous.span.close >= 0 ? previous.span.close + 1 : previous.span.end;
      const between = text.slice(prevClose, qOpen);
      f.push(`prev-gap=${bucket(ctx.tokenAt(qOpen) - ctx.tokenAt(prevClose), [0, 2, 5, 10, 20, 40])}`);
      if (/^[\s.,]*$/.test(between)) f.push('prev-adjacent');
      if (startsPara) f.push(`prev-starts-para|paras=${paras}`);
      out.push({ kind: 'PREV', base: p.base ?? p.kind, name: p.name, entityId: p.entityId, start: p.start, end: p.end, cue: p.cue, features: [...f, ...quoteFeats.map((x) => `prev:${x}`)] });
    }
  }
  // 6. Nobody (a scare quote, a title, unattributed words).
  out.push({ kind: 'NONE', name: '', entityId: null, start: -1, end: -1, cue: null, features: ['k=NONE', ...(rule ? [`rule-other|by=${rule.rule}`] : ['rule-pick|k=NONE']), ...quoteFeats.map((x) => `none:${x}`)] });
  // Another candidate is the subject or object of the cue nearest the quote: it has the better claim.
  const nearestHolder = nearestCue >= 0 && [...relOf.values()].some((r) => r.cue === nearestCue);
  if (nearestHolder) {
    for (const c of out) {
      if (c.kind === 'NONE' || c.kind === 'PREV') continue;
      const r = relOf.get(c);
      // How near that cue stands to the quote (`X expressed his “…”` beside `…, according to Y, …`).
      const d = bucket(nearestDist, [1, 3, 6]);
      if (r?.cue === nearestCue) c.features.push('holds-nearest-cue', `holds-nearest-cue|d=${d}`, `holds-nearest-cue|d=${d}|rel=${r.rel}`);
      else c.features.push('other-holds-nearest-cue', `other-holds-nearest-cue|rel=${r ? r.rel : 'none'}`, `other-holds-nearest-cue|d=${d}|rel=${r ? r.rel : 'none'}`);
    }
  }
  // Two quotes and two speech verbs with their speakers in one sentence (`While X, according to Y, was “…”, Z
  // said it was “…”`): the quote's own verb is the one nearest it that no other quote stands nearer to; its holder
  // is marked for the chooser, which keeps two such quotes from trading speakers (attribute.ts).
  const inSentence = (tok: number) => T[tok].s >= sStart && T[tok].s < sEnd;
  const heldCues = new Set([...relOf.values()].filter((r) => r.cue >= 0 && inSentence(r.cue)).map((r) => r.cue));
  if (heldCues.size >= 2 && heldCues.has(nearestCue) && ctx.quotesBetween(sStart, sEnd) >= 2 && ctx.nearestQuote(nearestCue) === qi) {
    for (const c of out) if (relOf.get(c)?.cue === nearestCue) c.paired = true;
  }
  // Rank by distance among candidates on the same side (nearest first).
  const ranked = out.filter((c) => c.kind !== 'NONE' && c.kind !== 'PREV');
  for (const side of ['B', 'A']) {
    const list = ranked.filter((c) => (c.end <= qOpen) === (side === 'B')).sort((x, y) => (side === 'B' ? y.start - x.start : x.start - y.start));
    list.forEach((c, r) => c.features.push(`rank=${side}${Math.min(r, 3)}`, `rank=${side}${Math.min(r, 3)}|${c.features.find((f) => f.startsWith('rel=')) ?? ''}`));
  }
  return out;
}

/**
 * Whether a block belongs to the article's headlines: its title (the first block, when the parser made it a
 * heading) and the short lines right after it that end with no sentence punctuation (kicker, subtitle, a quoted
 * line under the title), before the first sentence of the body.
 */
export function inHeadlines(doc: ArticleDocument, block: number): boolean {
  const blocks = doc.blocks;
  if (!blocks.length || blocks[0].kind !== 'heading') return false;
  for (let i = 1; i <= block; i++) {
    const line = doc.text.slice(blocks[i].start, blocks[i].end).trim();
    if (blocks[i].kind !== 'paragraph' || splitCount(line, 20) > 20 || /[.!?…:;][”"’'»)]*$/.test(line)) return false;
  }
  return true;
}

/** Who a candidate is, to tell whether they spoke before in the article: their entity, else their surname or description. */
export function speakerKey(c: { name: string; entityId: string | null; kind?: CandidateKind }): string | null {
  if (c.kind === 'NONE') return null;
  if (c.entityId) return c.entityId;
  const name = c.name.toLowerCase().replace(/[’']s$/, '');
  if (!name || /^(he|she|they|it|i|we)$/.test(name)) return null;
  if (/^(?:the|a|an|one|another)\s/.test(name)) return `desc:${name.replace(/^(?:the|a|an|one|another)\s+/, '')}`;
  return `name:${name.split(/\s+/).pop()}`;
}
