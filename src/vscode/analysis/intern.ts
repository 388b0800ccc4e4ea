/**
 * One copy of each short string the worker sends. A structured clone gives every string of a message its own copy:
 * the ~45 suggestions of each article repeat "entity", "suggested", their type, entity id, name and timestamps, and
 * on a 1,000-article folder these copies were ~14 MB of the ~50 MB the extension host holds for the folder
 * (measured with the bench's folder: results and suggestions held after a full GC, 54 -> 40 MB).
 */

/** Longer strings (sentences, claims' text) are rarely repeated. */
const MAX_LENGTH = 64;
/** The words around an annotation: nearly always unique, so keeping them in the pool would only cost. */
const UNIQUE_KEYS = new Set(['prefix', 'suffix', 'id']);
/** The pool starts again past this many strings: it holds names and ids, which a folder has in the tens of thousands. */
const MAX_POOL = 200_000;

export class StringPool {
  private readonly pool = new Map<string, string>();

  /** `value` with every short string in it (in objects and arrays, replaced in place) swapped for the pool's copy. */
  intern<T>(value: T): T {
    return this.walk(value, '') as T;
  }

  private walk(v: unknown, key: string): unknown {
    if (typeof v === 'string') return v.length > MAX_LENGTH || UNIQUE_KEYS.has(key) ? v : this.one(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = this.walk(v[i], key);
      return v;
    }
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = this.walk(o[k], k);
    }
    return v;
  }

  private one(s: string): string {
    const held = this.pool.get(s);
    if (held !== undefined) return held;
    if (this.pool.size >= MAX_POOL) this.pool.clear();
    this.pool.set(s, s);
    return s;
  }
}
