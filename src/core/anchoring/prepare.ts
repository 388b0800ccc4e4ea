/**
 * Setup: each stored target normalised like the text (CRLF -> LF, curly quotes -> straight, no-break
 * spaces -> spaces), its old offsets read in the right line-end convention, its context cut to its own
 * paragraph, and the targets put in old document order.
 */
import { normalizeForMatch } from './text';
import type { Prepared, State } from './state';
import type { AnchorTarget } from './types';

/** Targets sampled to decide whether stored offsets counted CRLF as two units (see `readsRaw`). */
const CRLF_PROBES = 64;

const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? Math.max(0, Math.floor(x)) : 0);
const startOf = (t: AnchorTarget) => Math.min(num(t.position?.start), num(t.position?.end));

/**
 * Old offsets count CRLF as two units if the old text had CRLF. When the new text has CRLF we do not
 * know whether the old one did: probe a sample both ways and keep the reading that holds more.
 */
function readsRaw(st: State): boolean {
  const { targets, nt } = st;
  if (!nt.hasCrlf) return false;
  let asRaw = 0;
  let asNorm = 0;
  const step = Math.max(1, Math.floor(targets.length / CRLF_PROBES));
  for (let i = 0; i < targets.length; i += step) {
    const q = targets[i].quote;
    const exact = typeof q?.exact === 'string' ? normalizeForMatch(q.exact) : '';
    if (!exact) continue;
    const s = startOf(targets[i]);
    if (st.N.startsWith(exact, nt.fromRaw(s) + 1)) asRaw++;
    if (st.N.startsWith(exact, s + 1)) asNorm++;
  }
  return asRaw >= asNorm;
}

/** Fills `st.preps` (an empty quote is orphaned at once), `st.endDelta` and `st.order`. */
export function prepare(st: State): void {
  const { targets, nt, ctxLen } = st;
  const convert = readsRaw(st);
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    const q = t.quote;
    const exact = typeof q?.exact === 'string' ? normalizeForMatch(q.exact) : '';
    if (!exact) {
      st.results[i] = { status: 'orphaned', reason: 'empty' };
      continue;
    }
    const s = startOf(t);
    const e = Math.max(num(t.position?.start), num(t.position?.end));
    const rawPrefix = typeof q.prefix === 'string' ? q.prefix : '';
    const rawSuffix = typeof q.suffix === 'string' ? q.suffix : '';
    // Context cut short by the document's start or end: add the end-of-document line break.
    const atStart = s === rawPrefix.length && rawPrefix.length < ctxLen;
    const atEnd = rawSuffix.length < ctxLen - 1;
    let prefix = normalizeForMatch(rawPrefix);
    if (prefix.length > ctxLen) prefix = prefix.slice(-ctxLen);
    if (atStart) prefix = '\n' + prefix;
    let suffix = normalizeForMatch(rawSuffix);
    if (suffix.length > ctxLen) suffix = suffix.slice(0, ctxLen);
    if (atEnd) {
      suffix += '\n';
      // The old end of the document, in the coordinates of N (whose last unit is the end sentinel).
      if (st.endDelta === null && !convert) st.endDelta = st.N.length - 1 - (s + 1 + exact.length + suffix.length - 1);
    }
    const nlP = prefix.lastIndexOf('\n');
    const nlS = suffix.indexOf('\n');
    st.preps[i] = {
      index: i,
      exact,
      prefix,
      suffix,
      len: exact.length,
      hint: (convert ? nt.fromRaw(s) : s) + 1,
      oldStart: s,
      oldEnd: e,
      ownPrefix: nlP >= 0 ? prefix.slice(nlP + 1) : prefix,
      ownSuffix: nlS >= 0 ? suffix.slice(0, nlS) : suffix,
      sentPrefix: '',
      sentSuffix: '',
      count: -1,
      rank: -1,
    };
  }
  const order = st.preps.filter((p): p is Prepared => p !== null);
  const before = (a: Prepared, b: Prepared) => a.hint - b.hint || a.len - b.len;
  // Sidecars usually list annotations in document order: skip the sort then.
  let sorted = true;
  for (let k = 1; k < order.length && sorted; k++) if (before(order[k - 1], order[k]) > 0) sorted = false;
  if (!sorted) order.sort(before);
  order.forEach((t, i) => (t.rank = i));
  st.order = order;
}
