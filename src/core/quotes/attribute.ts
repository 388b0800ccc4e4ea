import type { EntityMention, Quote, SpanRef, Speaker } from '../contract';
import type { ArticleDocument, Sentence } from '../document';
import type { QuoteSpan } from './scan';

/** Verbs and phrases that attribute speech. */
const CUE_WORDS =
  'said|says|say|told|tells|tell|added|adds|stated|states|noted|notes|warned|warns|insisted|insists|explained|explains|asked|asks|replied|replies|answered|wrote|writes|declared|announced|argued|argues|claimed|claims|reiterated|emphasized|emphasised|stressed|described|urged|promised|threatened|confirmed|denied|admitted|recalled|responded|remarked|commented|acknowledged|tweeted|posted|continued|concluded|cautioned|suggested|vowed|pledged|predicted|assured|complained|demanded|called|believes|believed|expressed|mentioned|observed|conceded|boasted|quipped|shouted|whispered|testified|briefed';
const CUE = new RegExp(`\\b(?:${CUE_WORDS})\\b(?:\\s+(?:reporters|journalists|the press|the media|[A-Z][a-z]+|him|her|them|us|CNN|AFP|AP|Reuters))?`, 'g');
const ACCORDING = /\baccording to\b|\bper\b|\bin a statement\b/g;

/** People and groups that speak when no name is given. */
const ROLE_HEAD =
  '(?:officials?|spokes(?:man|woman|person)|representatives?|adviser|advisor|aides?|diplomats?|sources?|ministers?|minister|secretary|analysts?|experts?|correspondent|leaders?|president|presidents|statement|readout|government|administration|authorities|kremlin|ministry|department|officer|commander|ambassador|envoy|senator|lawmakers?|negotiators?|observers?)';
const ROLE = new RegExp(`\\b(?:an?|the|one|another|two|several|some|other)\\s+(?:[A-Za-z-]+\\s+){0,4}?${ROLE_HEAD}\\b`, 'gi');
const PRONOUN = /\b(he|she|they)\b/gi;

interface Candidate {
  name: string;
  entityId: string | null;
  start: number;
  end: number;
}

function sentenceAt(doc: ArticleDocument, offset: number): Sentence | undefined {
  return doc.sentences.find((s) => s.start <= offset && offset < s.end);
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
export function attributeQuotes(doc: ArticleDocument, spans: readonly QuoteSpan[], mentions: readonly EntityMention[]): Quote[] {
  const text = doc.text;
  const named = mentions.filter((m) => m.type === 'PERSON' || m.type === 'ORG');
  const roles: Candidate[] = [];
  ROLE.lastIndex = 0;
  for (let m = ROLE.exec(text); m; m = ROLE.exec(text)) roles.push({ name: m[0], entityId: null, start: m.index, end: m.index + m[0].length });
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
    if (!/^the\s/i.test(r.name)) return r;
    const head = r.name.split(/\s+/).pop()!.toLowerCase().replace(/s$/, '');
    const earlier = roles.filter((o) => o.end <= r.start && /^(an?|one|another)\s/i.test(o.name) && o.name.toLowerCase().replace(/s$/, '').endsWith(head));
    return earlier.length ? { ...r, name: earlier[earlier.length - 1].name } : r;
  };

  const toSpeaker = (c: Candidate): Speaker => {
    // Name a person by the cluster's canonical name when the mention is a bare surname.
    const mention = mentions.find((m) => m.start === c.start && m.end === c.end);
    return { name: mention ? c.name : c.name, entityId: c.entityId, start: c.start, end: c.end };
  };

  const quotes: Quote[] = [];
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
    // 1. After the quote: `,” said Ushakov` / `,” the official said` / `,” Psaki added`.
    const after = cues.filter((c) => c.start >= afterStart && c.start - afterStart <= 60).sort((a, b) => a.start - b.start)[0];
    if (after) {
      cue = after;
      speaker = speakerNear(afterStart, Math.min(sentEnd, after.start), true) ?? speakerNear(after.end, Math.min(sentEnd, after.end + 80), false);
    }
    // 2. Before the quote: `Psaki said Biden “…”`, `according to Ushakov, “…”`.
    if (!speaker) {
      const before = cues.filter((c) => c.end <= q.open || c.end <= q.start).sort((a, b) => b.start - a.start)[0];
      if (before) {
        cue = before;
        const isAccording = /^(according|per|in a statement)/i.test(before.text);
        speaker = isAccording
          ? speakerNear(before.end, q.open >= 0 ? q.open : q.start, false)
          : speakerNear(sStart, before.start, true);
      }
    }
    // 3. Anywhere else in the sentence: `… “two paths”: …, according to a senior administration official.`
    if (!speaker && cues.length) {
      const c = cues.find((x) => x.start >= afterStart) ?? cues[0];
      cue = c;
      speaker = /^(according|per)/i.test(c.text)
        ? speakerNear(c.end, Math.min(sentEnd, c.end + 100), false)
        : speakerNear(c.end, Math.min(sentEnd, c.end + 60), false) ?? speakerNear(sStart, c.start, true);
    }
    const words = text.slice(q.start, q.end).trim().split(/\s+/).length;
    const kind = speaker || (cue && words > 3) || words > 6 ? 'speech' : 'scare';
    quotes.push({
      start: q.start,
      end: q.end,
      text: doc.source.slice(q.start, q.end),
      speaker: kind === 'speech' && speaker ? toSpeaker(speaker) : null,
      cue: kind === 'speech' ? cue : null,
      kind,
    });
  }
  return quotes;
}
