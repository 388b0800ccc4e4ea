import { describe, reanchor, type AnchorStatus } from '../anchoring';
import type { Annotation, Sidecar } from './model';

export interface ReanchorReport {
  id: string;
  status: AnchorStatus;
  start?: number;
  end?: number;
}

/**
 * Finds a sidecar's annotations again in the article's current text. Annotations found get fresh
 * offsets and context; the others are marked orphaned, never dropped. The whole sidecar is taken so
 * that its `document.repeats` (what the text repeated when the annotations were saved) always goes
 * with them.
 */
export function reanchorAnnotations(text: string, sidecar: Pick<Sidecar, 'annotations' | 'document'>): { annotations: Annotation[]; report: ReanchorReport[] } {
  const { annotations } = sidecar;
  const results = reanchor(
    text,
    annotations.map((a) => ({
      position: { type: 'TextPositionSelector' as const, start: a.target.start, end: a.target.end },
      quote: { type: 'TextQuoteSelector' as const, exact: a.target.exact, prefix: a.target.prefix, suffix: a.target.suffix },
    })),
    { repeats: sidecar.document.repeats },
  );
  const out: Annotation[] = [];
  const report: ReanchorReport[] = [];
  annotations.forEach((a, i) => {
    const r = results[i];
    if (r.status === 'orphaned' || r.start === undefined || r.end === undefined) {
      out.push({ ...a, orphaned: true });
      report.push({ id: a.id, status: 'orphaned' });
      return;
    }
    const t = describe(text, r.start, r.end);
    const { orphaned: _was, ...rest } = a;
    out.push({ ...rest, target: { start: r.start, end: r.end, exact: t.quote.exact, prefix: t.quote.prefix, suffix: t.quote.suffix } });
    report.push({ id: a.id, status: r.status, start: r.start, end: r.end });
  });
  return { annotations: out, report };
}
