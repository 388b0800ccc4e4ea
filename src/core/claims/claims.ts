import type { Claim, EntityMention } from '../contract';
import type { ArticleDocument } from '../document';
import { inZones } from '../boilerplate';
import { findNumbers } from '../entities/numbers';
import { splitCount } from '../text/words';

/** Verbs of events and findings: what fact-checkers look for. */
const EVENT =
  /\b(invad\w*|annex\w*|seiz\w*|launch\w*|deploy\w*|kill\w*|die[ds]?|attack\w*|sign\w*|approv\w*|vot\w*|won|lost|rose|fell|increas\w*|decreas\w*|grew|cut|rais\w*|impos\w*|met|meet\w*|lasted|moved|massed|amassed|held|hold|plan\w*|schedul\w*|request\w*|warn\w*|threat\w*|promis\w*|agreed|refus\w*|denie[ds]|confirm\w*|announc\w*|report\w*|test\w*|fired|submitted|presented|demand\w*)\b/i;
const OPINION = /\b(i think|i believe|we believe|in my view|should|ought to|must|hopefully|unfortunately|fortunately|clearly|obviously|outrageous|darkest|best|worst|terrible|wonderful|shameful)\b/i;
const CUE = /\b(said|says|told|stated|according to|announced|confirmed|reported|warned|added)\b/i;
const SOURCE = /\baccording to ((?:the |a |an )?[\w\s’'-]{2,60}?)(?=[,.;]|$)|\b(?:per|citing) ((?:the |a )?[A-Z][\w\s’'-]{1,40}?)(?=[,.;]|$)/;

/**
 * Check-worthiness of a sentence in 0..1: figures, dates, named actors, events and attribution raise
 * it; opinion, questions, lead-ins, headlines and fragments lower it. Boilerplate zones give no claims at all.
 */
export function scoreSentence(sentence: string, entities: readonly EntityMention[], isHeading: boolean): number {
  const words = splitCount(sentence, 6);
  let score = 0.1;
  const types = new Set(entities.map((e) => e.type));
  if (types.has('NUMBER')) score += 0.3;
  if (types.has('DATE')) score += 0.2;
  score += Math.min(0.3, 0.1 * entities.filter((e) => e.type === 'PERSON' || e.type === 'ORG' || e.type === 'PLACE').length);
  if (EVENT.test(sentence)) score += 0.15;
  if (CUE.test(sentence)) score += 0.1;
  if (OPINION.test(sentence)) score -= 0.25;
  if (/\?\s*["”’]?$/.test(sentence)) score -= 0.3;
  // A line ending in a colon introduces what follows (`He said:`, `The Latest on the race (all times EDT):`).
  if (/:\s*$/.test(sentence)) score -= 0.3;
  if (words < 6) score -= 0.3;
  if (isHeading) score -= 0.2;
  return Math.max(0, Math.min(1, Math.round(score * 100) / 100));
}

export const CLAIM_THRESHOLD = 0.45;
/**
 * A sentence scoring under CLAIM_THRESHOLD but at least this is a claim only when another article states
 * it too (facts.ts promotes it): what several outlets report is the story's matter of fact, even worded
 * as a fragment, a quote or with an evaluative word (`one of the darkest moments`).
 */
export const CORROBORATED_THRESHOLD = 0.3;

/**
 * The claims of one article: scored sentences outside boilerplate, with their entities, source and normalised
 * values. `from`..`below` is the score range kept (by default: every claim; facts ask for the sentences just
 * under the threshold, which are claims only when corroborated).
 */
export function findClaims(doc: ArticleDocument, entities: readonly EntityMention[], zones: readonly { start: number; end: number; reason: string }[], from = CLAIM_THRESHOLD, below = Infinity): Claim[] {
  const claims: Claim[] = [];
  const furniture = zones.filter((z) => z.reason !== 'markup');
  // Sentences and entities are both in text order: walk them together.
  let first = 0;
  for (const s of doc.sentences) {
    while (first < entities.length && entities[first].start < s.start) first++;
    if (inZones(furniture, s.start, s.end)) continue;
    const sentence = doc.text.slice(s.start, s.end);
    const inside: EntityMention[] = [];
    for (let i = first; i < entities.length && entities[i].start < s.end; i++) if (entities[i].end <= s.end) inside.push(entities[i]);
    const score = scoreSentence(sentence, inside, doc.blocks[s.block]?.kind === 'heading');
    if (score < from || score >= below) continue;
    const src = SOURCE.exec(sentence);
    const numbers = findNumbers(doc.text, s).map((n) => ({
      text: doc.source.slice(n.start, n.end),
      value: n.value,
      ...(n.unit ? { unit: n.unit } : {}),
      approximate: n.approximate,
    }));
    claims.push({
      start: s.start,
      end: s.end,
      text: doc.source.slice(s.start, s.end),
      score,
      factId: null,
      entityIds: [...new Set(inside.filter((e) => e.type !== 'DATE' && e.type !== 'NUMBER').map((e) => e.entityId))],
      source: src ? (src[1] ?? src[2]).trim() : null,
      numbers,
      dates: inside.filter((e) => e.type === 'DATE' && typeof e.value === 'string').map((e) => ({ text: e.text, value: e.value as string })),
    });
  }
  return claims;
}
