import type { EntityMention, Quote, Speaker } from '../contract';
import type { ArticleDocument } from '../document';
import type { Cluster } from '../entities/aliases';
import type { QuoteSpan } from './scan';
import { gatedRulePick, scoreCandidate, speakerModelFrom, type SpeakerCandidate, type SpeakerModel, type SpeakerModelData } from './speakers';
import { speakerCandidates, speakerKey } from './candidates';
import { SpeakerContext } from './context';
import shippedModel from '../../../models/speaker-polnear.json';
import { splitCount } from '../text/words';

let shipped: SpeakerModel | undefined;
/** The speaker chooser trained on PolNeAR (models/speaker-polnear.json, bundled: it is small). */
export function shippedSpeakerModel(): SpeakerModel {
  shipped ??= speakerModelFrom(shippedModel as unknown as SpeakerModelData);
  return shipped;
}

export interface AttributionOptions {
  /** The chooser (default: the shipped one). */
  model?: SpeakerModel;
  /** The folder's entities by id: speakers are named by their entity's canonical name (`said Ushakov` → `Yuri Ushakov`). */
  clusters?: ReadonlyMap<string, Cluster>;
  /** Speakers of the article's quotes before this text (a patch analyses a region of an article: who spoke before it). */
  spokenBefore?: readonly Speaker[];
}

/** The one person entity whose name or alias is `name`, or whose surname it is (a transcript's `WALLACE` too). */
function personNamed(name: string, clusters: Iterable<Cluster>): Cluster | undefined {
  const people = [...clusters].filter((c) => c.type === 'PERSON');
  const exact = people.filter((c) => c.name === name || c.aliases.includes(name));
  if (exact.length === 1) return exact[0];
  const key = name.toLowerCase();
  const bySurname = people.filter((c) => c.name.split(/\s+/).pop()!.toLowerCase() === key);
  return bySurname.length === 1 ? bySurname[0] : undefined;
}

/**
 * The person a definite description by title stands for: `the US president` is the one the article introduced
 * as `US President Joe Biden` (the title's head word right before the name, every modifier of the description
 * among the words before it), the nearest such before the quote.
 */
function titledPerson(text: string, desc: string, before: number, mentions: readonly EntityMention[]): EntityMention | undefined {
  const words = desc.toLowerCase().split(/\s+/);
  if (words[0] !== 'the' || words.length < 2 || words.length > 4) return undefined;
  const head = words[words.length - 1];
  const mods = words.slice(1, -1);
  if (!/^[a-z]+$/.test(head)) return undefined;
  let found: EntityMention | undefined;
  for (const m of mentions) {
    if (m.start >= before) break;
    if (m.type !== 'PERSON') continue;
    const lead = text.slice(Math.max(0, m.start - 60), m.start).toLowerCase().split(/\s+/).filter(Boolean);
    if (lead[lead.length - 1] !== head) continue;
    const titleWords = lead.slice(-2 - mods.length, -1);
    if (mods.every((w) => titleWords.includes(w))) found = m;
  }
  return found;
}

/** A description's place or body, when a capitalised one follows it: `the government` + ` in Moscow`, `a spokeswoman` + ` for the State Department`. */
const DESC_COMPLEMENT = /^\s+(?:in|of|for|at|from)\s+(?:the\s+)?\p{Lu}[\p{L}’'.-]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}’'.-]*){0,3}/u;

/**
 * The longest capitalised name ending in `surname` before `before` (`Oleksiy Danilov` for `Danilov`).
 * Looks at the first occurrence of the surname only: that is where an article introduces a person.
 */
function fullerName(text: string, surname: string, before: number): string {
  if (/\s/.test(surname) || !/^\p{Lu}/u.test(surname)) return surname;
  const first = text.indexOf(surname);
  if (first < 0 || first >= before) return surname;
  const m = /((?:\p{Lu}[\p{L}’'-]+\s+){1,2})$/u.exec(text.slice(Math.max(0, first - 60), first));
  return m ? (m[1] + surname).replace(/\s+/g, ' ') : surname;
}

/** A definite description (`the official`) takes the name of the indefinite one introduced earlier (`a senior official`). */
function earlierRole(text: string, desc: string, before: number): string | null {
  if (!/^the\s/i.test(desc)) return null;
  const head = desc.split(/\s+/).pop()!.toLowerCase().replace(/s$/, '');
  if (!/^[a-z]+$/.test(head)) return null;
  const re = new RegExp(`\\b(?:an?|one|another)\\s+(?:[\\w’'-]+\\s+){0,4}${head}s?\\b(?![\\s-]+(?:officials?|spokes\\w*|advis[eo]rs?|aides?|representatives?|sources?)\\b)`, 'gi');
  let last: string | null = null;
  const seg = text.slice(0, before);
  for (let m = re.exec(seg); m; m = re.exec(seg)) last = m[0].replace(/^./, (c) => c.toUpperCase());
  return last;
}

/**
 * The candidates for each quote, scored, and the chosen one: the trained chooser's first. The hand rules' pick is
 * one of its features (which rule picked it, too), so the model has learned when to follow them and when not.
 * Exported for training and tests.
 */
export function chooseSpeakers(ctx: SpeakerContext, spokenBefore: readonly Speaker[] = []): { candidates: SpeakerCandidate[]; scores: number[]; best: number }[] {
  const out: { candidates: SpeakerCandidate[]; scores: number[]; best: number }[] = [];
  let previous: { speaker: SpeakerCandidate | null; span: QuoteSpan } | null = null;
  const spoken = new Set<string>();
  for (const sp of spokenBefore) {
    const key = speakerKey(sp);
    if (key) spoken.add(key);
  }
  ctx.spans.forEach((span, qi) => {
    const candidates = speakerCandidates(ctx, qi, previous, spoken);
    const scores = candidates.map((c) => scoreCandidate(ctx.model, c));
    let best = 0;
    for (let i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
    // Kinds of hand-rule pick that beat the model on held-out training data decide for themselves.
    const gated = gatedRulePick(ctx.model, ctx.rules[qi]?.rule, candidates, scores);
    if (gated >= 0) best = gated;
    // Two quotes of one sentence, each beside its own speech verb, do not trade speakers: when the ranking gives
    // each the holder of the other's verb, each takes its own (`While X, according to Y, was “…”, an official said it
    // was “…”`). A ranking scores one quote at a time and cannot see the exchange.
    const before = out[qi - 1];
    if (before && !ctx.spans[qi].continued) {
      const own = candidates.findIndex((c) => c.paired);
      const ownBefore = before.candidates.findIndex((c) => c.paired);
      const mine = candidates[own];
      const theirs = before.candidates[ownBefore];
      if (mine && theirs && mine.start !== theirs.start && candidates[best].start === theirs.start && before.candidates[before.best].start === mine.start) {
        before.best = ownBefore;
        best = own;
        previous = { speaker: theirs, span: ctx.spans[qi - 1] };
      }
    }
    out.push({ candidates, scores, best });
    const chosen = candidates[best];
    if (chosen.kind !== 'NONE') {
      previous = { speaker: chosen, span };
      const key = speakerKey(chosen);
      if (key) spoken.add(key);
    }
  });
  return out;
}

/**
 * Attribution for each quote: the speaker the trained chooser ranks first among the people, organisations,
 * pronouns and descriptions near it (or nobody), named by their entity. This is the one place a speaker is
 * chosen and named. Quotes with no speaker are scare quotes or titles when short, unattributed speech otherwise.
 * Pieces of one quote running over paragraphs share the speaker the chooser is surest of.
 */
export function attributeQuotes(doc: ArticleDocument, spans: readonly QuoteSpan[], mentions: readonly EntityMention[], options: AttributionOptions = {}): Quote[] {
  const text = doc.text;
  const ctx = new SpeakerContext(doc, spans, mentions, options.model ?? shippedSpeakerModel());
  const choices = chooseSpeakers(ctx, options.spokenBefore);
  // One speaker for the pieces of a quote running over paragraphs.
  const chosen: (SpeakerCandidate | null)[] = choices.map((c) => (c.candidates[c.best].kind === 'NONE' ? null : c.candidates[c.best]));
  for (let i = 0; i < spans.length; ) {
    let j = i + 1;
    while (j < spans.length && spans[j].continued) j++;
    if (j - i > 1) {
      let bestPiece = -1;
      let margin = -Infinity;
      for (let k = i; k < j; k++) {
        const c = choices[k];
        if (!chosen[k]) continue;
        const none = c.scores[c.candidates.length - 1];
        if (c.scores[c.best] - none > margin) { margin = c.scores[c.best] - none; bestPiece = k; }
      }
      if (bestPiece >= 0) for (let k = i; k < j; k++) chosen[k] = chosen[bestPiece];
    }
    i = j;
  }
  const clusters = options.clusters;
  const toSpeaker = (c: SpeakerCandidate): Speaker => {
    const sp: Speaker = { name: c.name, entityId: c.entityId, start: c.start, end: c.end };
    const kind = c.kind === 'PREV' ? c.base : c.kind;
    if (kind === 'DESC') {
      const role = earlierRole(text, c.name, c.start);
      const person = role ? undefined : titledPerson(text, c.name, c.start, mentions);
      // A name in apposition right after the description speaks: `the Washington correspondent Schwarzkopf`.
      const named = role || person ? null : /^\s(\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'.-]+){0,2})(?![\p{L}’'-])/u.exec(text.slice(c.end, c.end + 60));
      const more = role || person || named ? null : DESC_COMPLEMENT.exec(text.slice(c.end, c.end + 80));
      if (named && !/^(?:The|A|An|In|On|At|For|Of|And|But|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/.test(named[1].split(/\s+/)[0])) {
        sp.start = c.end + 1;
        sp.end = sp.start + named[1].length;
        const m = mentions.find((x) => x.start === sp.start && x.type === 'PERSON');
        sp.name = m?.text ?? named[1];
        sp.entityId = m?.entityId ?? null;
        if (m) sp.end = m.end;
      } else if (role) sp.name = role;
      else if (person) {
        sp.name = person.text;
        sp.entityId = person.entityId;
      } else if (more) {
        sp.end = c.end + more[0].replace(/[.’']+$/, '').length;
        sp.name = text.slice(c.start, sp.end);
      }
    } else if (!sp.entityId && (kind === 'NAME' || kind === 'PRONOUN') && /^\p{Lu}/u.test(sp.name) && !/^(He|She|They|It|I|We)$/.test(sp.name)) {
      // A name the recogniser missed at the cue (`said Danilov`): link it to the person it names, if one;
      // else name them by the fuller form the article introduced them with (`Oleksiy Danilov`).
      const c2 = clusters ? personNamed(sp.name, clusters.values()) : undefined;
      if (c2) sp.entityId = c2.id;
      else sp.name = fullerName(text, sp.name, sp.start);
    }
    const cl = sp.entityId ? clusters?.get(sp.entityId) : undefined;
    if (cl) {
      sp.entityId = cl.id;
      sp.name = cl.name;
    }
    return sp;
  };
  return spans.map((q, i) => {
    const c = chosen[i];
    const words = splitCount(text.slice(q.start, q.end).trim(), 6);
    const cue = c?.cue ?? null;
    const kind = c || words > 6 ? 'speech' : 'scare';
    return {
      start: q.start,
      end: q.end,
      text: doc.source.slice(q.start, q.end),
      speaker: c ? toSpeaker(c) : null,
      cue: kind === 'speech' ? cue : null,
      kind,
    };
  });
}
