/**
 * The hand-written attribution rules (the cue nearest the quote in its sentence, the speaker next to the cue),
 * kept as one opinion the trained chooser (candidates.ts, speakers.ts) weighs among its features: where they speak, they are
 * usually right; the chooser learns how far to trust them.
 */
import type { EntityMention, Quote, SpanRef, Speaker } from '../contract';
import type { ArticleDocument, Sentence } from '../document';
import type { QuoteSpan } from './scan';
import { bareRoleRegExp, CUE_ALTERNATION, roleRegExp } from './lexicon';
import { splitCount } from '../text/words';

const CUE = new RegExp(`\\b(?:${CUE_ALTERNATION})\\b(?:\\s+(?:reporters|journalists|the press|the media|him|her|them|us))?`, 'g');
const ACCORDING = /\baccording to\b|\bper\b|\b(?:issued|released|put out) a statement(?: that| saying)?|\bin a (?:statement|readout)\b/gi;
const ROLE = roleRegExp();
const BARE_ROLE = bareRoleRegExp();
const PRONOUN = /\b(he|she|they)\b/gi;
/** Between a closing mark and a following cue only an attribution fits: `,” said`, `,” Psaki said`, `,” the official said`. */
const ATTRIBUTION_GAP = /^[\s,.;:!?—–-]*(?:(?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*){0,3}|(?:the|a|an|one|another)(?:\s+[\w’'-]+){1,5}|he|she|they|it)?\s*$/;
/** A capitalised name right after a cue (`said Danilov`) or right before it (`Danilov said`) when no entity was found there. */
const NAME_AFTER = /^\s*((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,2})/;
const NAME_BEFORE = /((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,2})\s*$/;

interface Candidate {
  name: string;
  entityId: string | null;
  start: number;
  end: number;
}

/** The sentence holding an offset (binary search: sentences are sorted and do not overlap). */
function sentenceAt(doc: ArticleDocument, offset: number): Sentence | undefined {
  let lo = 0;
  let hi = doc.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = doc.sentences[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** The last person mentioned before `offset` (for `he said`). */
function lastPersonBefore(mentions: readonly EntityMention[], offset: number): EntityMention | undefined {
  let best: EntityMention | undefined;
  for (const m of mentions) {
    if (m.end > offset) break;
    if (m.type === 'PERSON') best = m;
  }
  return best;
}

/**
 * Attribution for each quote: the cue (`said`, `according to`) nearest the quote in its sentence,
 * and the speaker standing next to the cue: a named person or organisation, a role (`a senior
 * administration official`), or a pronoun resolved to the last person named before it. A definite
 * role (`the official said`) takes the name of the indefinite one introduced earlier. Quotes with no
 * cue are scare quotes or titles when short, unattributed speech otherwise.
 */
export interface RuleQuote extends Quote {
  /** Which rule named the speaker: `after` (`,” X said`), `according`, `before` (`X said: “`), `sentence` (elsewhere in it), `continues` (the quote before's speaker). */
  rule: 'after' | 'according' | 'before' | 'sentence' | 'continues' | null;
}

export function ruleAttribution(doc: ArticleDocument, spans: readonly QuoteSpan[], mentions: readonly EntityMention[]): RuleQuote[] {
  const text = doc.text;
  const named = mentions.filter((m) => m.type === 'PERSON' || m.type === 'ORG');
  const roles: Candidate[] = [];
  ROLE.lastIndex = 0;
  for (let m = ROLE.exec(text); m; m = ROLE.exec(text)) roles.push({ name: m[0], entityId: null, start: m.index, end: m.index + m[0].length });
  BARE_ROLE.lastIndex = 0;
  for (let m = BARE_ROLE.exec(text); m; m = BARE_ROLE.exec(text)) {
    if (!roles.some((r) => r.start <= m!.index && m!.index < r.end)) roles.push({ name: m[0], entityId: null, start: m.index, end: m.index + m[0].length });
  }
  const insideQuote = (i: number) => spans.some((q) => q.start <= i && i < q.end);

  const speakerNear = (from: number, to: number, preferEnd: boolean): Candidate | null => {
    const inRange: Candidate[] = [];
    for (const m of named) if (m.start >= from && m.end <= to && !insideQuote(m.start)) inRange.push({ name: m.text, entityId: m.entityId, start: m.start, end: m.end });
    for (const r of roles) if (r.start >= from && r.end <= to && !insideQuote(r.start)) inRange.push(resolveRole(r));
    PRONOUN.lastIndex = 0;
    const seg = text.slice(from, to);
    for (let p = PRONOUN.exec(seg); p; p = PRONOUN.exec(seg)) {
      const at = from + p.index;
      if (insideQuote(at)) continue;
      const person = lastPersonBefore(mentions, at);
      if (person) inRange.push({ name: person.text, entityId: person.entityId, start: at, end: at + p[0].length });
    }
    if (!inRange.length) return null;
    // A role phrase contains names (`Putin's foreign policy adviser`): the role, not the name in it, speaks.
    const outer = inRange.filter((c) => !inRange.some((o) => o !== c && o.start <= c.start && c.end <= o.end && (o.end - o.start) > (c.end - c.start)));
    outer.sort((a, b) => a.start - b.start);
    return preferEnd ? outer[outer.length - 1] : outer[0];
  };

  const resolveRole = (r: Candidate): Candidate => {
    // An appositive name after the role is the speaker: `the Washington correspondent Schwarzkopf`.
    const named = /^\s+((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,2})\b/.exec(text.slice(r.end, r.end + 60));
    if (named) {
      const start = r.end + named[0].length - named[1].length;
      const m = mentions.find((x) => x.start === start && x.type === 'PERSON');
      return m ? { name: m.text, entityId: m.entityId, start: m.start, end: m.end } : { name: named[1], entityId: null, start, end: start + named[1].length };
    }
    if (!/^the\s/i.test(r.name)) return r;
    const head = r.name.split(/\s+/).pop()!.toLowerCase().replace(/s$/, '');
    const earlier = roles.filter((o) => o.end <= r.start && /^(an?|one|another)\s/i.test(o.name) && o.name.toLowerCase().replace(/s$/, '').endsWith(head));
    return earlier.length ? { ...r, name: earlier[earlier.length - 1].name } : r;
  };

  // The canonical name (`Ushakov` → `Yuri Ushakov`) is set by the caller, which knows the entities.
  const toSpeaker = (c: Candidate): Speaker => ({ name: c.name, entityId: c.entityId, start: c.start, end: c.end });

  /** A capitalised name next to a cue, for speakers the name recogniser missed. */
  const nameAround = (c: SpanRef, from: number): Candidate | null => {
    const after = NAME_AFTER.exec(text.slice(c.end, c.end + 60));
    if (after && !insideQuote(c.end)) {
      const start = c.end + after[0].length - after[1].length;
      return { name: after[1], entityId: null, start, end: start + after[1].length };
    }
    const before = NAME_BEFORE.exec(text.slice(Math.max(from, c.start - 60), c.start));
    if (before) {
      const start = c.start - before[0].length;
      return { name: before[1], entityId: null, start, end: start + before[1].length };
    }
    return null;
  };

  const quotes: RuleQuote[] = [];
  for (const q of spans) {
    const sentence = sentenceAt(doc, q.open >= 0 ? q.open : q.start);
    const sentEnd = Math.max(sentenceAt(doc, Math.max(q.start, q.end - 1))?.end ?? q.end, q.end);
    const sStart = sentence?.start ?? q.start;
    const afterStart = q.close >= 0 ? q.close + 1 : q.end;
    const cues: SpanRef[] = [];
    for (const re of [CUE, ACCORDING]) {
      re.lastIndex = 0;
      const seg = text.slice(sStart, sentEnd);
      for (let m = re.exec(seg); m; m = re.exec(seg)) {
        const at = sStart + m.index;
        if (!insideQuote(at)) cues.push({ start: at, end: at + m[0].length, text: doc.source.slice(at, at + m[0].length) });
      }
    }
    let speaker: Candidate | null = null;
    let cue: SpanRef | null = null;
    let rule: RuleQuote['rule'] = null;
    // 1. After the quote: `,” said Ushakov` / `,” the official said` / `,” Psaki added`.
    const after = cues
      .filter((c) => c.start >= afterStart && c.start - afterStart <= 60 && ATTRIBUTION_GAP.test(text.slice(afterStart, c.start)))
      .sort((a, b) => a.start - b.start)[0];
    if (after) {
      cue = after;
      speaker = speakerNear(afterStart, Math.min(sentEnd, after.start), true) ?? speakerNear(after.end, Math.min(sentEnd, after.end + 80), false) ?? nameAround(after, afterStart);
      if (speaker) rule = 'after';
    }
    // 2. A source named for the whole sentence (`…, according to a senior official.`) speaks its quotes.
    if (!speaker) {
      const source = cues.find((c) => /^(according|per)\b/i.test(c.text));
      // …unless another cue stands between the source and the quote (`…, according to Ushakov, was
      // “satisfied”, a US official said the call was “serious”`): that one is nearer.
      const qAt = q.open >= 0 ? q.open : q.start;
      const between = source && cues.some((c) => c !== source && !/^(according|per)\b/i.test(c.text) && (c.start > Math.min(source.end, qAt) && c.start < Math.max(source.start, qAt)));
      if (source && !between) {
        const found = speakerNear(source.end, Math.min(sentEnd, source.end + 100), false);
        if (found) {
          cue = source;
          speaker = found;
          rule = 'according';
        }
      }
    }
    // 3. Before the quote: `Psaki said Biden “…”`, `Jen Psaki issued a statement that “…”`.
    if (!speaker) {
      const before = cues.filter((c) => c.end <= q.open || c.end <= q.start).sort((a, b) => b.start - a.start)[0];
      if (before) {
        cue = before;
        const isAccording = /^(according|per|in a statement)/i.test(before.text);
        speaker = isAccording && !/statement/.test(before.text)
          ? speakerNear(before.end, q.open >= 0 ? q.open : q.start, false)
          : speakerNear(sStart, before.start, true) ?? nameAround(before, sStart);
        if (speaker) rule = 'before';
      }
    }
    // 4. Anywhere else in the sentence: `… “two paths”: …, according to a senior administration official.`
    if (!speaker && cues.length) {
      const c = cues.find((x) => x.start >= afterStart) ?? cues[0];
      cue = c;
      speaker = /^(according|per)/i.test(c.text)
        ? speakerNear(c.end, Math.min(sentEnd, c.end + 100), false)
        : speakerNear(c.end, Math.min(sentEnd, c.end + 60), false) ?? speakerNear(sStart, c.start, true);
      if (speaker) rule = 'sentence';
    }
    // 5. A quote with no cue of its own right after an attributed quote continues it (`…,” said Danilov. “There is…”`).
    const previous = quotes[quotes.length - 1];
    const sameBlock = sentence && previous && doc.sentences.some((x) => x.block === sentence.block && x.start <= previous.start && previous.start < x.end);
    if (!speaker && !cues.length && previous?.speaker && sameBlock && q.open >= 0 && q.open - previous.end <= 40 && !/[“"]/.test(text.slice(previous.end + 1, q.open))) {
      speaker = { name: previous.speaker.name, entityId: previous.speaker.entityId, start: previous.speaker.start, end: previous.speaker.end };
      cue = previous.cue;
      rule = 'continues';
    }
    const words = splitCount(text.slice(q.start, q.end).trim(), 6);
    const kind = speaker || (cue && words > 3) || words > 6 ? 'speech' : 'scare';
    quotes.push({
      start: q.start,
      end: q.end,
      text: doc.source.slice(q.start, q.end),
      speaker: kind === 'speech' && speaker ? toSpeaker(speaker) : null,
      cue: kind === 'speech' ? cue : null,
      kind,
      rule: kind === 'speech' && speaker ? rule : null,
    });
  }
  return quotes;
}
