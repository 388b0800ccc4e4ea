import type { EntityType } from '../contract';
import { acronymKey, fold, initials, slug, translitKey } from '../text/normalize';

/**
 * Country names that share no letters with their other names. General knowledge of news usage, not a
 * list for any one corpus: each row is one country as English-language outlets write it.
 */
const WELL_KNOWN: string[][] = [
  ['United States', 'US', 'U.S.', 'USA', 'U.S.A.', 'America', 'United States of America'],
  ['United Kingdom', 'UK', 'U.K.', 'Britain', 'Great Britain'],
  ['Russia', 'Russian Federation'],
  ['Netherlands', 'Holland'],
  ['Czech Republic', 'Czechia'],
  ['Myanmar', 'Burma'],
  ['European Union', 'EU', 'E.U.'],
  ['United Nations', 'UN', 'U.N.'],
];
const WELL_KNOWN_KEY = new Map<string, string>();
for (const row of WELL_KNOWN) for (const name of row) WELL_KNOWN_KEY.set(acronymKey(name), acronymKey(row[0]));

export interface MentionForLinking {
  text: string;
  type: EntityType;
  /** The article it is in; or, for an entry standing for several mentions of one text and type, their articles. */
  doc: number | readonly number[];
  /** How many mentions the entry stands for (default 1). */
  count?: number;
}

export interface Cluster {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  /** Indices of the mentions (the entries of the array given to linkEntities) that belong to this cluster. */
  members: number[];
}

/** Union-find over surface forms. */
class Groups {
  private parent = new Map<string, string>();
  find(a: string): string {
    let p = this.parent.get(a) ?? a;
    if (p !== a) {
      p = this.find(p);
      this.parent.set(a, p);
    }
    return p;
  }
  union(a: string, b: string) {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

function surfaceKey(text: string): string {
  const k = acronymKey(text);
  return WELL_KNOWN_KEY.get(k) ?? k;
}

const tokensOf = (s: string) => s.replace(/[’']s$/, '').split(/[\s]+/).filter(Boolean);

/**
 * Links mentions into entities across the whole folder. Names meet when they are the same up to case
 * and dots (`NATO`/`Nato`, `US`/`U.S.`), transliteration variants (`Zelenskiy`/`Zelensky`), an
 * acronym and its long form (`OSCE`), a surname and the one full name it belongs to (`Biden` →
 * `Joe Biden`), or a well-known country alias (`America`). The canonical name is the fullest form.
 */
export function linkEntities(mentions: readonly MentionForLinking[], merges: ReadonlyMap<string, string> = new Map()): Cluster[] {
  const groups = new Groups();
  const surfaces = new Map<string, { text: string; count: number; type: Map<EntityType, number>; docs: Set<number> }>();
  const keyOf = (m: MentionForLinking) => `${m.type === 'PERSON' ? 'P' : 'N'}|${surfaceKey(m.text)}`;
  // Each mention's key, computed once (it is read again to gather the clusters).
  const mentionKeys = mentions.map(keyOf);
  mentions.forEach((m, i) => {
    const k = mentionKeys[i];
    const s = surfaces.get(k) ?? { text: m.text, count: 0, type: new Map(), docs: new Set() };
    s.count++;
    s.type.set(m.type, (s.type.get(m.type) ?? 0) + 1);
    if (typeof m.doc === 'number') s.docs.add(m.doc);
    else for (const d of m.doc) s.docs.add(d);
    surfaces.set(k, s);
    groups.find(k);
  });
  const keys = [...surfaces.keys()];
  // Transliteration variants and long forms ↔ acronyms (non-person names).
  const byTranslit = new Map<string, string>();
  const byInitials = new Map<string, string>();
  for (const k of keys) {
    const s = surfaces.get(k)!;
    const isPerson = k.startsWith('P|');
    const tk = `${isPerson ? 'P' : 'N'}|${translitKey(s.text)}`;
    if (tk.length > 3) {
      const other = byTranslit.get(tk);
      if (other) groups.union(other, k);
      else byTranslit.set(tk, k);
    }
    if (!isPerson && tokensOf(s.text).length >= 2) {
      const ini = initials(s.text);
      if (ini.length >= 2) byInitials.set(ini, k);
    }
  }
  for (const k of keys) {
    if (k.startsWith('P|')) continue;
    const full = byInitials.get(k.slice(2));
    if (full && full !== k) groups.union(full, k);
  }
  // People: full names sharing first and last name (modulo transliteration) are one person;
  // a lone surname joins the full name(s) carrying it, preferring one in the same article.
  const fullBySurname = new Map<string, string[]>();
  for (const k of keys) {
    if (!k.startsWith('P|')) continue;
    const toks = tokensOf(surfaces.get(k)!.text);
    if (toks.length < 2) continue;
    const last = translitKey(toks[toks.length - 1]);
    const list = fullBySurname.get(last) ?? [];
    for (const other of list) {
      const o = tokensOf(surfaces.get(other)!.text);
      if (translitKey(o[0]) === translitKey(toks[0])) groups.union(other, k);
    }
    list.push(k);
    fullBySurname.set(last, list);
  }
  for (const k of keys) {
    if (!k.startsWith('P|')) continue;
    const s = surfaces.get(k)!;
    const toks = tokensOf(s.text);
    if (toks.length !== 1) continue;
    const candidates = fullBySurname.get(translitKey(toks[0]));
    if (!candidates?.length) continue;
    const roots = [...new Set(candidates.map((c) => groups.find(c)))];
    if (roots.length === 1) {
      groups.union(roots[0], k);
      continue;
    }
    // Several people share the surname: link to the one named in the same articles, if exactly one is.
    const sameDoc = roots.filter((r) => candidates.some((c) => groups.find(c) === r && [...surfaces.get(c)!.docs].some((d) => s.docs.has(d))));
    if (sameDoc.length === 1) groups.union(sameDoc[0], k);
  }

  // The user's merges: every surface written as the alias joins every surface written as the target.
  for (const [alias, target] of merges) {
    const from = keys.filter((k) => surfaces.get(k)!.text === alias);
    const to = keys.filter((k) => surfaces.get(k)!.text === target);
    for (const a of from) for (const b of to) groups.union(b, a);
  }

  const clusters = new Map<string, { keys: string[]; members: number[] }>();
  mentions.forEach((m, i) => {
    const root = groups.find(mentionKeys[i]);
    const c = clusters.get(root) ?? { keys: [], members: [] };
    c.members.push(i);
    clusters.set(root, c);
  });
  for (const k of keys) clusters.get(groups.find(k))!.keys.push(k);

  const usedIds = new Set<string>();
  const out: Cluster[] = [];
  for (const c of clusters.values()) {
    const votes = new Map<EntityType, number>();
    const names = new Map<string, number>();
    for (const i of c.members) {
      const m = mentions[i];
      votes.set(m.type, (votes.get(m.type) ?? 0) + (m.count ?? 1));
      names.set(m.text, (names.get(m.text) ?? 0) + (m.count ?? 1));
    }
    const type = [...votes.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const name = canonicalName([...names.entries()]);
    let id = `${type.toLowerCase()}:${slug(name)}`;
    for (let n = 2; usedIds.has(id); n++) id = `${type.toLowerCase()}:${slug(name)}-${n}`;
    usedIds.add(id);
    const aliases = [...names.keys()].filter((a) => a !== name).sort((a, b) => fold(a).localeCompare(fold(b)));
    out.push({ id, name, type, aliases, members: c.members });
  }
  return out;
}

/** The fullest form: most words, then mixed case over capitals, then most frequent, then alphabetical. */
function canonicalName(names: [string, number][]): string {
  const score = ([text, count]: [string, number]) => {
    const words = text.split(/\s+/).length;
    // Acronyms are written in capitals (`NATO`, not `Nato`); longer names in capitals are headline shouting.
    const upper = text === text.toUpperCase();
    const shouting = upper ? (text.length > 5 ? 1 : -1) : 0;
    const dotted = /\./.test(text) ? 1 : 0;
    return [words, -shouting, -dotted, count];
  };
  return names
    .slice()
    .sort((a, b) => {
      const sa = score(a);
      const sb = score(b);
      for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sb[i] - sa[i];
      return a[0].localeCompare(b[0]);
    })[0][0];
}
