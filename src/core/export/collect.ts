/**
 * The shared end of every importer: gathers annotations read from a file, places each in its article's
 * current text (at the offsets the file gives when the text there is the one it quotes, else by
 * re-anchoring its quote), and reports what could not be placed. Never throws.
 */
import { reanchor, type AnchorTarget } from '../anchoring';
import type { Annotation } from '../sidecar/model';
import { byPosition, short, targetAt, type ImportArticle, type Problem } from './common';

export interface ImportResult {
  /** Imported annotations by article path (only articles that got at least one). */
  annotations: Map<string, Annotation[]>;
  problems: Problem[];
}

/** Where the file says an annotation is: UTF-16 offsets into the article text, and/or the quote. */
export interface PlaceHint {
  start?: number;
  end?: number;
  exact?: string;
  prefix?: string;
  suffix?: string;
}

interface Pending {
  fields: Omit<Annotation, 'target'>;
  hint: PlaceHint;
  where: string;
}

export class Collector {
  readonly problems: Problem[] = [];
  private readonly pending = new Map<string, Pending[]>();
  private readonly byPath = new Map<string, ImportArticle>();

  constructor(articles: readonly ImportArticle[]) {
    for (const a of articles) this.byPath.set(a.path, a);
  }

  problem(message: string, path?: string, id?: string): void {
    this.problems.push({ ...(path !== undefined ? { path } : {}), ...(id !== undefined ? { id } : {}), message });
  }

  add(path: string, fields: Omit<Annotation, 'target'>, hint: PlaceHint, where: string): void {
    const list = this.pending.get(path) ?? [];
    list.push({ fields, hint, where });
    this.pending.set(path, list);
  }

  finish(): ImportResult {
    const annotations = new Map<string, Annotation[]>();
    for (const [path, list] of this.pending) {
      const article = this.byPath.get(path);
      if (!article) continue;
      const { text } = article;
      const placed: { i: number; a: Annotation }[] = [];
      const search: { i: number; p: Pending }[] = [];
      list.forEach((p, i) => {
        const { start, end, exact } = p.hint;
        const posOk = start !== undefined && end !== undefined && Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length;
        const unique = exact ? uniquePlace(text, p.hint) : undefined;
        if (posOk && (exact === undefined || text.slice(start, end) === exact)) placed.push({ i, a: { ...p.fields, target: targetAt(text, start, end) } });
        else if (unique !== undefined) placed.push({ i, a: { ...p.fields, target: targetAt(text, unique, unique + exact!.length) } });
        else if (exact !== undefined && exact !== '') search.push({ i, p });
        else this.problem(`${p.where}: ${posOk ? 'its offsets' : 'it has no usable offsets and no quoted text, so it'} cannot be placed in the article`, path, p.fields.id);
      });
      if (search.length) {
        const targets: AnchorTarget[] = search.map(({ p }) => {
          const s = clamp(p.hint.start, text.length);
          const e = Math.max(s, clamp(p.hint.end ?? s + (p.hint.exact ?? '').length, text.length));
          return {
            position: { type: 'TextPositionSelector', start: s, end: e },
            quote: { type: 'TextQuoteSelector', exact: p.hint.exact ?? '', prefix: p.hint.prefix ?? '', suffix: p.hint.suffix ?? '' },
          };
        });
        const found = reanchor(text, targets);
        search.forEach(({ i: at, p }, i) => {
          const r = found[i];
          if (r.status !== 'orphaned' && r.start !== undefined && r.end !== undefined) {
            placed.push({ i: at, a: { ...p.fields, target: targetAt(text, r.start, r.end) } });
          } else {
            // Kept, as the sidecar keeps annotations whose text is gone: orphaned, with what the file said.
            const t = targets[i];
            placed.push({ i: at, a: { ...p.fields, orphaned: true, target: { start: t.position.start, end: t.position.end, exact: t.quote.exact, prefix: t.quote.prefix, suffix: t.quote.suffix } } });
            this.problem(`${p.where}: its text ${JSON.stringify(short(t.quote.exact))} is not in the article (${r.reason ?? 'not found'}); imported as orphaned`, path, p.fields.id);
          }
        });
      }
      // One annotation per id: a file that repeats an id keeps its first.
      const seen = new Set<string>();
      const unique: Annotation[] = [];
      for (const { a } of placed.sort((x, y) => x.i - y.i)) {
        if (seen.has(a.id)) {
          this.problem(`the id ${JSON.stringify(a.id)} appears more than once; only the first is imported`, path, a.id);
          continue;
        }
        seen.add(a.id);
        unique.push(a);
      }
      if (unique.length) annotations.set(path, unique.sort(byPosition));
    }
    return { annotations, problems: this.problems };
  }
}

/**
 * Where a quote is when the text leaves no doubt: its whole context (prefix + exact + suffix) occurs
 * exactly once; or, for a bare quote (no context, no offsets, as other tools write), its text occurs
 * exactly once. Anything less certain goes to the re-anchoring engine, which would rather orphan than guess.
 */
function uniquePlace(text: string, hint: PlaceHint): number | undefined {
  const exact = hint.exact ?? '';
  const prefix = hint.prefix ?? '';
  const suffix = hint.suffix ?? '';
  const bare = !prefix && !suffix;
  if (bare && hint.start !== undefined) return undefined;
  const whole = prefix + exact + suffix;
  const first = text.indexOf(whole);
  if (first < 0 || text.indexOf(whole, first + 1) >= 0) return undefined;
  return first + prefix.length;
}

function clamp(n: number | undefined, max: number): number {
  return typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.min(Math.floor(n), max)) : 0;
}
