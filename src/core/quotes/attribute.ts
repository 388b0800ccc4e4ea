import type { EntityMention, Quote, Speaker } from '../contract';
import type { ArticleDocument } from '../document';
import type { Cluster } from '../entities/aliases';
import type { QuoteSpan } from './scan';
import { scoreCandidate, speakerCandidates, speakerModelFrom, SpeakerContext, type SpeakerCandidate, type SpeakerModel, type SpeakerModelData } from './speakers';
import shippedModel from '../../../models/speaker-polnear.json';

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
}

/** The one person entity whose name or alias is `name`, or whose surname it is. */
function personNamed(name: string, clusters: Iterable<Cluster>): Cluster | undefined {
  const people = [...clusters].filter((c) => c.type === 'PERSON');
  const exact = people.filter((c) => c.name === name || c.aliases.includes(name));
  if (exact.length === 1) return exact[0];
  const bySurname = people.filter((c) => c.name.split(/\s+/).pop() === name);
  return bySurname.length === 1 ? bySurname[0] : undefined;
}

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

/** The candidates for each quote, scored, in the order the chooser sees them (exported for training and tests). */
export function chooseSpeakers(ctx: SpeakerContext): { candidates: SpeakerCandidate[]; scores: number[]; best: number }[] {
  const out: { candidates: SpeakerCandidate[]; scores: number[]; best: number }[] = [];
  let previous: { speaker: SpeakerCandidate | null; span: QuoteSpan } | null = null;
  ctx.spans.forEach((span, qi) => {
    const candidates = speakerCandidates(ctx, qi, previous);
    const scores = candidates.map((c) => scoreCandidate(ctx.model, c));
    let best = 0;
    for (let i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
    // Where the hand rules name a speaker (a cue next to the quote), their pick stands, at its best-scored
    // candidate; the trained ranking decides where they are silent.
    {
      let rb = -1;
      candidates.forEach((c, i) => { if (c.features.includes('rule-pick') && (rb < 0 || scores[i] > scores[rb])) rb = i; });
      if (rb >= 0) best = rb;
    }
    out.push({ candidates, scores, best });
    const chosen = candidates[best];
    if (chosen.kind !== 'NONE') previous = { speaker: chosen, span };
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
  const choices = chooseSpeakers(ctx);
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
    if (kind === 'DESC') sp.name = earlierRole(text, c.name, c.start) ?? c.name;
    else if (!sp.entityId && (kind === 'NAME' || kind === 'PRONOUN') && /^\p{Lu}/u.test(sp.name) && !/^(He|She|They|It|I|We)$/.test(sp.name)) {
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
    const words = text.slice(q.start, q.end).trim().split(/\s+/).length;
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
