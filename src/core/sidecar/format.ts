import { SIDECAR_VERSION, type Annotation, type Sidecar, type SidecarConflict } from './model';

const ANNOTATION_KEYS: (keyof Annotation)[] = ['id', 'kind', 'origin', 'status', 'type', 'entityId', 'speaker', 'tags', 'note', 'orphaned', 'mergedInto', 'verdict', 'created', 'modified', 'target'];

/**
 * Deterministic JSON: fixed key order, annotations sorted by position then id, two-space indent and a
 * trailing newline, so one change gives a small diff and two annotators' files merge cleanly.
 */
export function serializeSidecar(s: Sidecar): string {
  const annotations = [...s.annotations]
    .sort((a, b) => a.target.start - b.target.start || a.target.end - b.target.end || a.id.localeCompare(b.id))
    .map((a) => {
      const o: Record<string, unknown> = {};
      for (const k of ANNOTATION_KEYS) if (a[k] !== undefined) o[k] = k === 'tags' ? [...a.tags].sort() : k === 'target' ? { start: a.target.start, end: a.target.end, exact: a.target.exact, prefix: a.target.prefix, suffix: a.target.suffix } : a[k];
      return o;
    });
  const ordered = {
    version: s.version,
    generator: { name: s.generator.name, version: s.generator.version, recogniser: s.generator.recogniser },
    document: { path: s.document.path, length: s.document.length, hash: s.document.hash, ...(typeof s.document.repeats === 'string' ? { repeats: s.document.repeats } : {}) },
    annotations,
    ...(s.conflicts?.length ? { conflicts: s.conflicts.map((c) => ({ id: c.id, field: c.field, base: c.base ?? null, ours: c.ours ?? null, theirs: c.theirs ?? null })) } : {}),
  };
  return JSON.stringify(ordered, null, 2) + '\n';
}

export type ParseResult = { ok: true; sidecar: Sidecar } | { ok: false; problem: string };

const KINDS = new Set(['entity', 'quote', 'claim', 'note']);
const ORIGINS = new Set(['suggested', 'user']);
const STATUSES = new Set(['suggested', 'accepted', 'rejected']);

/**
 * Reads a sidecar and checks it against the format (the same rules as schemas/sidecar.schema.json).
 * A file that fails is reported with the first problem found and is never overwritten by the caller.
 */
export function parseSidecar(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, problem: `not valid JSON (${(e as Error).message})` };
  }
  const fail = (problem: string): ParseResult => ({ ok: false, problem });
  if (!data || typeof data !== 'object' || Array.isArray(data)) return fail('the top level is not an object');
  const d = data as Record<string, unknown>;
  if (typeof d.version !== 'number' || !Number.isInteger(d.version) || d.version < 1) return fail('`version` is missing or not a positive integer');
  if (d.version > SIDECAR_VERSION) return fail(`it was written by a newer Marginalia (format version ${d.version}; this one reads up to ${SIDECAR_VERSION})`);
  const doc = d.document as Record<string, unknown> | undefined;
  if (!doc || typeof doc.path !== 'string' || typeof doc.length !== 'number' || typeof doc.hash !== 'string') return fail('`document` must have `path`, `length` and `hash`');
  if (!Array.isArray(d.annotations)) return fail('`annotations` is not an array');
  for (let i = 0; i < d.annotations.length; i++) {
    const a = d.annotations[i] as Record<string, unknown>;
    const where = `annotation ${i + 1}`;
    if (!a || typeof a !== 'object') return fail(`${where} is not an object`);
    if (typeof a.id !== 'string' || !a.id) return fail(`${where} has no \`id\``);
    if (!KINDS.has(a.kind as string)) return fail(`${where} (${a.id}) has an unknown kind ${JSON.stringify(a.kind)}`);
    if (!ORIGINS.has(a.origin as string)) return fail(`${where} (${a.id}) has an unknown origin ${JSON.stringify(a.origin)}`);
    if (!STATUSES.has(a.status as string)) return fail(`${where} (${a.id}) has an unknown status ${JSON.stringify(a.status)}`);
    if (!Array.isArray(a.tags) || !a.tags.every((t) => typeof t === 'string')) return fail(`${where} (${a.id}) has \`tags\` that are not a list of strings`);
    if (a.verdict !== undefined && (typeof a.verdict !== 'string' || !a.verdict)) return fail(`${where} (${a.id}) has a \`verdict\` that is not a label`);
    const t = a.target as Record<string, unknown> | undefined;
    if (!t || !Number.isInteger(t.start) || !Number.isInteger(t.end) || (t.start as number) < 0 || (t.end as number) < (t.start as number)) return fail(`${where} (${a.id}) has no valid target start/end`);
    if (typeof t.exact !== 'string' || typeof t.prefix !== 'string' || typeof t.suffix !== 'string') return fail(`${where} (${a.id}) has no text-quote selector (exact, prefix, suffix)`);
  }
  if (d.conflicts !== undefined) {
    if (!Array.isArray(d.conflicts)) return fail('`conflicts` is not an array');
    const bad = d.conflicts.findIndex((c) => !c || typeof c !== 'object' || typeof c.id !== 'string' || typeof c.field !== 'string');
    if (bad >= 0) return fail(`conflict ${bad + 1} has no \`id\` and \`field\``);
  }
  const gen = (d.generator as Sidecar['generator'] | undefined) ?? { name: 'marginalia', version: 'unknown', recogniser: 'unknown' };
  const sidecar: Sidecar = { version: d.version, generator: gen, document: doc as Sidecar['document'], annotations: d.annotations as Annotation[] };
  if (Array.isArray(d.conflicts) && d.conflicts.length) sidecar.conflicts = d.conflicts as SidecarConflict[];
  return { ok: true, sidecar };
}
