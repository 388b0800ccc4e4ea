import type { AnalysisResult, DocumentResult, EntityCluster, Quote } from './contract';
import { parseArticle, type ArticleDocument } from './document';
import { findBoilerplate, type BoilerplateZone } from './boilerplate';
import { findEntities, recogniseNames, noCorrections, type Corrections, type NameRecogniser } from './entities';
import type { Cluster } from './entities/aliases';
import { findQuotes } from './quotes/scan';
import { attributeQuotes } from './quotes/attribute';
import { findClaims } from './claims/claims';
import { buildFacts } from './claims/facts';

export interface ArticleInput {
  path: string;
  text: string;
}

export interface AnalyzeOptions {
  recogniser: NameRecogniser;
  corrections?: Corrections;
  /** Articles larger than this (UTF-16 units) are skipped with a message; the editor must never hang. */
  maxLength?: number;
}

export const DEFAULT_MAX_LENGTH = 5_000_000;

/** Why a file cannot be analysed as an article, or null when it can. */
export function unreadableReason(text: string, maxLength = DEFAULT_MAX_LENGTH): string | null {
  if (text.length > maxLength) return `too large to analyse (${(text.length / 1e6).toFixed(1)} M characters; the limit is ${(maxLength / 1e6).toFixed(1)} M)`;
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return 'binary file (contains NUL bytes)';
  const bad = (head.match(/\uFFFD/g) ?? []).length;
  if (bad > 8 && bad > head.length / 100) return 'not UTF-8 text (many undecodable bytes)';
  return null;
}

/** The one person entity whose name or alias is `name`, or whose surname it is. */
function personNamed(name: string, clusters: readonly Cluster[]): Cluster | undefined {
  const people = clusters.filter((c) => c.type === 'PERSON');
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

interface Prepared {
  doc: ArticleDocument;
  zones: BoilerplateZone[];
  markup: BoilerplateZone[];
  skipped?: string;
}

function prepare(input: ArticleInput, maxLength: number): Prepared {
  const skipped = unreadableReason(input.text, maxLength) ?? undefined;
  const doc = parseArticle(input.path, skipped ? '' : input.text);
  const zones = skipped ? [] : findBoilerplate(doc);
  const markup = zones.filter((z) => z.reason === 'markup');
  if (markup.length) {
    // Blank stray markup in the analysis text so no analyser reads it (offsets unchanged).
    let out = '';
    let at = 0;
    for (const z of markup) {
      out += doc.text.slice(at, z.start) + doc.text.slice(z.start, z.end).replace(/[^\r\n]/g, ' ');
      at = z.end;
    }
    doc.text = out + doc.text.slice(at);
  }
  return { doc, zones, markup, skipped };
}

/**
 * Analyses a set of articles together: entities linked across all of them, quotes with speakers,
 * claims, and facts that several articles state (with their discrepancies).
 */
export function analyzeArticles(inputs: readonly ArticleInput[], options: AnalyzeOptions): AnalysisResult {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const prepared = inputs.map((i) => prepare(i, maxLength));
  const names = prepared.map((p) => (p.skipped ? [] : recogniseNames(p.doc, options.recogniser, p.markup)));
  const { perDoc, clusters, clusterOf } = findEntities(prepared.map((p) => p.doc), names, prepared.map((p) => p.markup), prepared.map((p) => p.zones.filter((z) => z.reason === 'photo-credit')), options.corrections ?? noCorrections());

  const documents: DocumentResult[] = prepared.map((p, d) => {
    const mentions = perDoc[d].mentions;
    const quotes: Quote[] = attributeQuotes(p.doc, findQuotes(p.doc.text, p.doc.blocks, p.markup), mentions);
    // Speakers are named by their entity's canonical name (`said Ushakov` → `Yuri Ushakov`).
    for (const q of quotes) {
      if (q.speaker && !q.speaker.entityId) {
        // A name the recogniser missed at the cue (`said Danilov`): link it to the person it names, if
        // one; else name them by the fuller form the article introduced them with (`Oleksiy Danilov`).
        const c = personNamed(q.speaker.name, clusters);
        if (c) q.speaker.entityId = c.id;
        else q.speaker.name = fullerName(p.doc.text, q.speaker.name, q.speaker.start);
      }
      if (!q.speaker?.entityId) continue;
      const m = mentions.find((x) => x.start === q.speaker!.start && x.end === q.speaker!.end) ?? mentions.find((x) => x.entityId === q.speaker!.entityId);
      const c = (m && clusterOf.get(m)) ?? clusters.find((x) => x.id === q.speaker!.entityId);
      if (c) q.speaker.name = c.name;
    }
    const result: DocumentResult = {
      path: p.doc.path,
      entities: mentions,
      quotes,
      claims: [],
      boilerplate: p.zones.map((z) => ({ start: z.start, end: z.end, reason: z.reason })),
    };
    if (p.skipped) result.skipped = p.skipped;
    else result.claims = findClaims(p.doc, mentions, p.zones, quotes);
    return result;
  });

  const facts = buildFacts(prepared.map((p, d) => ({ doc: p.doc, result: documents[d], articleDate: perDoc[d].articleDate })));

  const entities: EntityCluster[] = clusters.map((c) => {
    const docs = new Set<string>();
    let count = 0;
    documents.forEach((r) => r.entities.forEach((m) => {
      if (m.entityId === c.id) {
        count++;
        docs.add(r.path);
      }
    }));
    return { id: c.id, name: c.name, type: c.type, aliases: c.aliases, mentions: count, documents: [...docs] };
  });
  entities.sort((a, b) => b.mentions - a.mentions || a.id.localeCompare(b.id));
  return { documents, entities, facts };
}
