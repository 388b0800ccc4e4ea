import { readFileSync } from 'node:fs';
import { analyzeArticles, type NameRecogniser } from '../src/core';

interface Doc { text: string; gold: { start: number; end: number; type: string }[] }

/** CoNLL-2003 documents rebuilt as text (tokens joined by spaces, one sentence a line) with gold spans. */
function readConll(path: string): Doc[] {
  const docs: Doc[] = [];
  let cur: Doc | null = null;
  let line = '';
  let open: { start: number; type: string } | null = null;
  let lastEnd = 0;
  const closeEntity = () => {
    if (open && cur) cur.gold.push({ start: open.start, end: lastEnd, type: open.type });
    open = null;
  };
  const flushSentence = () => {
    closeEntity();
    if (cur && line) { cur.text += line + '\n'; }
    line = '';
  };
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    if (raw.startsWith('-DOCSTART-')) {
      flushSentence();
      cur = { text: '', gold: [] };
      docs.push(cur);
      continue;
    }
    if (!raw.trim()) { flushSentence(); continue; }
    if (!cur) { cur = { text: '', gold: [] }; docs.push(cur); }
    const [tok, , , tag] = raw.split(' ');
    const start = cur.text.length + line.length + (line ? 1 : 0);
    line += (line ? ' ' : '') + tok;
    const [bio, type] = tag === 'O' ? ['O', ''] : tag.split('-');
    if (bio === 'O' || !open || bio === 'B' || open.type !== type) {
      closeEntity();
      if (bio !== 'O') open = { start, type };
    }
    lastEnd = start + tok.length;
  }
  flushSentence();
  return docs.filter((d) => d.text);
}

const MAP: Record<string, string> = { PERSON: 'PER', ORG: 'ORG', PLACE: 'LOC' };

/** Micro F1 (PER/ORG/LOC, exact span) of the full analysis on CoNLL-2003 text: printed, and returned (0..1). */
export function evaluateConll(path: string, recogniser: NameRecogniser): number {
  const docs = readConll(path);
  const t0 = performance.now();
  const stats = new Map<string, { tp: number; fp: number; fn: number }>(['PER', 'ORG', 'LOC'].map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  let chars = 0;
  for (const d of docs) {
    chars += d.text.length;
    const r = analyzeArticles([{ path: 'doc.txt', text: d.text }], { recogniser });
    const pred = r.documents[0].entities.filter((e) => MAP[e.type]).map((e) => ({ start: e.start, end: e.end, type: MAP[e.type] }));
    const gold = d.gold.filter((g) => g.type !== 'MISC');
    const key = (e: { start: number; end: number; type: string }) => `${e.start}:${e.end}:${e.type}`;
    const gk = new Set(gold.map(key));
    const pk = new Set(pred.map(key));
    for (const p of pred) { const s = stats.get(p.type)!; if (gk.has(key(p))) s.tp++; else s.fp++; }
    for (const g of gold) if (!pk.has(key(g))) stats.get(g.type)!.fn++;
  }
  const ms = performance.now() - t0;
  let tp = 0, fp = 0, fn = 0;
  for (const [t, s] of stats) {
    const p = s.tp / (s.tp + s.fp || 1), r = s.tp / (s.tp + s.fn || 1);
    console.log(`conll dev ${t}: P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${(100 * (2 * p * r) / (p + r || 1)).toFixed(1)}`);
    tp += s.tp; fp += s.fp; fn += s.fn;
  }
  const p = tp / (tp + fp || 1), r = tp / (tp + fn || 1);
  const f1 = (2 * p * r) / (p + r || 1);
  console.log(`conll dev pipeline micro F1 (PER/ORG/LOC, exact span): ${(100 * f1).toFixed(1)} over ${docs.length} documents, ${(chars / 1024 / (ms / 1000)).toFixed(0)} KB/s`);
  return f1;
}
