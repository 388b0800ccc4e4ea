import type { EntityType } from '../contract';
import { Ints } from '../ints';
import { linkEntities, type Cluster } from './aliases';
import type { Corrections } from './index';
import { metonymType } from './refine';

/**
 * The folder's names until they are linked, compactly: each distinct text and type once, and each article's names
 * (mentions other than dates and figures, in order) as numbers into that table. An archive of 10^5 articles has
 * millions of name mentions: as one object each, they and linking's copies of them took about 8 KB an article.
 */
export class NameTable {
  private readonly ids = new Map<string, number>();
  /** Per name (a distinct text and type, numbered in the order first met): its text and type. */
  readonly texts: string[] = [];
  readonly types: EntityType[] = [];
  private readonly names = new Ints();
  private readonly starts = new Ints();

  constructor() {
    this.starts.push(0);
  }
  /** Adds the next article's names, in order. */
  addArticle(names: readonly { text: string; type: EntityType }[]): void {
    for (const m of names) {
      const key = `${m.type}\t${m.text}`;
      let id = this.ids.get(key);
      if (id === undefined) {
        id = this.texts.length;
        this.ids.set(key, id);
        this.texts.push(m.text);
        this.types.push(m.type);
      }
      this.names.push(id);
    }
    this.starts.push(this.names.length);
  }
  get articles(): number {
    return this.starts.length - 1;
  }
  /** Article d's k-th name. */
  name(d: number, k: number): number {
    return this.names.get(this.starts.get(d) + k);
  }
  count(d: number): number {
    return this.starts.get(d + 1) - this.starts.get(d);
  }
}

/** What linking made of each name of a NameTable: its type and entity id ('' for a type that is not linked). */
export interface LinkedNames {
  clusters: Cluster[];
  type: EntityType[];
  entityId: string[];
}

const LINKED: ReadonlySet<EntityType> = new Set(['PERSON', 'ORG', 'PLACE']);

/**
 * linkMentions over a NameTable, with the same result for every mention. Everything linking reads of a mention
 * is its text and type, its article and the mention's place in the folder's order, so the mentions of one text and
 * type go in as one entry: counted, with their articles, in the place of the first of them.
 */
export function linkNames(table: NameTable, corrections: Corrections): LinkedNames {
  const n = table.texts.length;
  const mentions = new Int32Array(n);
  for (let d = 0; d < table.articles; d++) for (let k = 0; k < table.count(d); k++) mentions[table.name(d, k)]++;
  // One type per name: a text's mentions take the type most of them have, when one has more than any other.
  const votes = new Map<string, Map<EntityType, number>>();
  for (let s = 0; s < n; s++) {
    const v = votes.get(table.texts[s]) ?? new Map<EntityType, number>();
    v.set(table.types[s], (v.get(table.types[s]) ?? 0) + mentions[s]);
    votes.set(table.texts[s], v);
  }
  const type = table.types.map((t, s) => {
    const text = table.texts[s];
    if (corrections.accepted.has(text) || metonymType(text)) return t;
    const v = [...votes.get(text)!.entries()].sort((a, b) => b[1] - a[1]);
    return v.length > 1 && v[0][1] > v[1][1] ? v[0][0] : t;
  });
  votes.clear();
  // Names that are one text and type after that, numbered in the order first met (names are numbered so).
  const entryOf = new Int32Array(n).fill(-1);
  const entries: { text: string; type: EntityType; doc: number[]; count: number }[] = [];
  const entryIds = new Map<string, number>();
  for (let s = 0; s < n; s++) {
    if (!LINKED.has(type[s])) continue;
    const key = `${type[s]}\t${table.texts[s]}`;
    let e = entryIds.get(key);
    if (e === undefined) {
      e = entries.length;
      entryIds.set(key, e);
      entries.push({ text: table.texts[s], type: type[s], doc: [], count: 0 });
    }
    entryOf[s] = e;
    entries[e].count += mentions[s];
  }
  entryIds.clear();
  for (let d = 0; d < table.articles; d++) {
    for (let k = 0; k < table.count(d); k++) {
      const e = entryOf[table.name(d, k)];
      if (e < 0) continue;
      const docs = entries[e].doc;
      if (docs[docs.length - 1] !== d) docs.push(d);
    }
  }
  const clusters = linkEntities(entries, corrections.merges);
  entries.length = 0;
  const byEntry: { id: string; type: EntityType }[] = [];
  for (const c of clusters) for (const e of c.members) byEntry[e] = { id: c.id, type: c.type };
  const entityId = type.map((_, s) => (entryOf[s] < 0 ? '' : byEntry[entryOf[s]].id));
  return { clusters, type: type.map((t, s) => (entryOf[s] < 0 ? t : byEntry[entryOf[s]].type)), entityId };
}
