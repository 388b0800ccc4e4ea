/**
 * `npm run eval`: measures the analysis against the hand-made gold annotations of the seeds
 * (test/fixtures/gold) and, when the CoNLL-2003 data is given, name recognition on its dev split.
 * Usage: node out/scripts/eval.js [--conll DIR] [--polnear DIR] (defaults ../shared/data/conll2003 and
 * ../shared/data/polnear; each skipped with a message when missing). PolNeAR: quotes and speakers on its dev
 * split (real 2016 US political news), with the remaining errors grouped by kind.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeArticles, type AnalysisResult } from '../src/core';
import { loadRecogniser } from '../src/node/recogniser';
import { slug } from '../src/core/text/normalize';
import { evaluateConll } from './eval-conll';
import { evaluatePolnear } from './eval-polnear';

interface GoldEntity { start: number; end: number; text: string; type: string; entityId: string | null }
interface GoldQuote { start: number; end: number; text: string; kind: string; speaker: string | null; speakerEntityId?: string | null }
interface GoldDoc { path: string; entities: GoldEntity[]; quotes: GoldQuote[] }
interface GoldFact { id: string; claims: { path: string; text: string }[]; discrepancy: string | null }

const root = resolve(__dirname, '../..');
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};

function prf(tp: number, fp: number, fn: number) {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}
const fmt = (x: number) => x.toFixed(3);

function main() {
  const goldDir = join(root, 'test/fixtures/gold');
  const golds: GoldDoc[] = readdirSync(goldDir).filter((f) => /^\d.*\.json$/.test(f)).sort().map((f) => JSON.parse(readFileSync(join(goldDir, f), 'utf8')));
  const facts: GoldFact[] = JSON.parse(readFileSync(join(goldDir, 'facts.json'), 'utf8'));
  const recogniser = loadRecogniser();
  const t0 = performance.now();
  const result: AnalysisResult = analyzeArticles(golds.map((g) => ({ path: g.path, text: readFileSync(join(root, g.path), 'utf8') })), { recogniser });
  const ms = performance.now() - t0;
  console.log(`recogniser: ${recogniser.id}`);
  console.log(`seeds analysis time: ${ms.toFixed(0)} ms`);

  // Entities: exact span and type.
  const types = ['PERSON', 'ORG', 'PLACE', 'DATE', 'NUMBER'];
  const counts = new Map(types.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const errors: string[] = [];
  golds.forEach((g, d) => {
    const pred = result.documents[d].entities;
    const key = (e: { start: number; end: number; type: string }) => `${e.start}:${e.end}:${e.type}`;
    const goldKeys = new Set(g.entities.map(key));
    const predKeys = new Set(pred.map(key));
    for (const e of pred) {
      const c = counts.get(e.type)!;
      if (goldKeys.has(key(e))) c.tp++;
      else {
        c.fp++;
        errors.push(`${e.type} spurious/wrong: "${e.text}" (${g.path.slice(6, 9)}@${e.start})`);
      }
    }
    for (const e of g.entities) {
      if (!predKeys.has(key(e))) {
        counts.get(e.type)!.fn++;
        const got = pred.find((p) => p.start < e.end && e.start < p.end);
        errors.push(`${e.type} missed: "${e.text}" (${g.path.slice(6, 9)}@${e.start})${got ? ` got ${got.type} "${got.text}"` : ''}`);
      }
    }
  });
  let tp = 0, fp = 0, fn = 0;
  for (const t of types) {
    const c = counts.get(t)!;
    const s = prf(c.tp, c.fp, c.fn);
    console.log(`entities ${t}: P ${fmt(s.p)} R ${fmt(s.r)} F1 ${fmt(s.f)} (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`);
    if (t === 'PERSON' || t === 'ORG' || t === 'PLACE') { tp += c.tp; fp += c.fp; fn += c.fn; }
  }
  const names = prf(tp, fp, fn);
  console.log(`entities PERSON/ORG/PLACE micro: P ${fmt(names.p)} R ${fmt(names.r)} F1 ${fmt(names.f)}`);

  // Quotes: exact span of speech quotes; speaker accuracy on matched quotes.
  let qtp = 0, qfp = 0, qfn = 0, spk = 0, spkTotal = 0;
  golds.forEach((g, d) => {
    const pred = result.documents[d].quotes;
    const gq = g.quotes.filter((q) => q.kind === 'speech');
    const pq = pred.filter((q) => q.kind === 'speech');
    for (const q of pq) {
      const m = gq.find((x) => x.start === q.start && x.end === q.end);
      if (!m) { qfp++; errors.push(`quote spurious: "${q.text.slice(0, 50)}" (${g.path.slice(6, 9)})`); continue; }
      qtp++;
      spkTotal++;
      const predName = q.speaker?.name ?? null;
      const ok = (predName === null && m.speaker === null) ||
        (predName !== null && m.speaker !== null && (slug(predName) === slug(m.speaker) || slug(predName) === m.speakerEntityId || q.speaker?.entityId?.endsWith(`:${m.speakerEntityId}`)));
      if (ok) spk++;
      else errors.push(`speaker wrong: "${q.text.slice(0, 40)}" got ${predName} want ${m.speaker} (${g.path.slice(6, 9)})`);
    }
    for (const q of gq) if (!pq.some((x) => x.start === q.start && x.end === q.end)) { qfn++; errors.push(`quote missed: "${q.text.slice(0, 50)}" (${g.path.slice(6, 9)})`); }
  });
  const qs = prf(qtp, qfp, qfn);
  console.log(`quotes span: P ${fmt(qs.p)} R ${fmt(qs.r)} F1 ${fmt(qs.f)} (tp ${qtp}, fp ${qfp}, fn ${qfn})`);
  console.log(`speaker accuracy: ${fmt(spkTotal ? spk / spkTotal : 0)} (${spk}/${spkTotal})`);

  // Alias clusters: for each gold entity, are its matched mentions in one predicted entity (completeness),
  // and does each predicted entity hold one gold entity (purity)? Pairwise F1 over matched mentions.
  const pairs: { gold: string; pred: string }[] = [];
  golds.forEach((g, d) => {
    for (const e of g.entities) {
      if (!e.entityId || !['PERSON', 'ORG', 'PLACE'].includes(e.type)) continue;
      const p = result.documents[d].entities.find((x) => x.start === e.start && x.end === e.end);
      if (p) pairs.push({ gold: e.entityId, pred: p.entityId });
    }
  });
  let same = 0, bothSame = 0, predSame = 0;
  for (let i = 0; i < pairs.length; i++) for (let j = i + 1; j < pairs.length; j++) {
    const g = pairs[i].gold === pairs[j].gold;
    const p = pairs[i].pred === pairs[j].pred;
    if (g) same++;
    if (p) predSame++;
    if (g && p) bothSame++;
  }
  const cl = prf(bothSame, predSame - bothSame, same - bothSame);
  console.log(`alias clusters (pairwise over ${pairs.length} matched mentions): P ${fmt(cl.p)} R ${fmt(cl.r)} F1 ${fmt(cl.f)}`);
  const groupsToCheck: string[][] = [['Biden', 'Joe Biden'], ['NATO', 'Nato'], ['US', 'U.S.', 'United States'], ['Kyiv', 'Kiev'], ['Zelenskiy', 'Zelenskyy', 'Zelensky'], ['Yuri Ushakov', 'Yury Ushakov', 'Ushakov']];
  for (const group of groupsToCheck) {
    const ids = new Set<string>();
    for (const name of group) {
      for (const d of result.documents) for (const m of d.entities) if (m.text === name) ids.add(m.entityId);
    }
    const present = group.filter((n) => result.documents.some((d) => d.entities.some((m) => m.text === n)));
    console.log(`alias group ${group.join(' = ')}: ${present.length ? (ids.size === 1 ? 'linked' : `NOT linked (${[...ids].join(', ')})`) : 'not in corpus'} [${present.join(', ')}]`);
  }

  // Facts: a gold fact is recalled when one predicted fact holds claims overlapping its claims in ≥ 2 of its articles.
  let recalled = 0, discOk = 0, discTotal = 0, falseDisc = 0;
  for (const f of facts) {
    const best = result.facts.map((pf) => {
      const docs = new Set<string>();
      for (const gc of f.claims) {
        const text = readFileSync(join(root, gc.path), 'utf8');
        const at = text.indexOf(gc.text);
        if (pf.claims.some((c) => c.path === gc.path && c.start < at + gc.text.length && at < c.end)) docs.add(gc.path);
      }
      return { pf, docs: docs.size };
    }).sort((a, b) => b.docs - a.docs)[0];
    const hit = best && best.docs >= 2;
    if (hit) recalled++;
    if (f.discrepancy) {
      discTotal++;
      if (hit && !best.pf.consistent) discOk++;
      console.log(`fact ${f.id}: ${hit ? 'found' : 'MISSED'}; discrepancy ${hit && !best.pf.consistent ? 'flagged: ' + best.pf.discrepancy : 'NOT flagged'}`);
    } else if (hit && !best.pf.consistent) {
      falseDisc++;
      console.log(`fact ${f.id}: false discrepancy: ${best.pf.discrepancy}`);
    }
  }
  console.log(`fact recall: ${fmt(recalled / facts.length)} (${recalled}/${facts.length}); discrepancies flagged ${discOk}/${discTotal}; false discrepancies on gold facts ${falseDisc}; predicted facts ${result.facts.length} (${result.facts.filter((f) => !f.consistent).length} with discrepancy)`);
  const call = result.facts.find((f) => f.claims.some((c) => c.values?.some((v) => /50[- ]minute/.test(v))));
  console.log(`50-minute call: ${call ? (call.consistent ? 'no discrepancy (right)' : `DISCREPANCY CLAIMED: ${call.discrepancy}`) : 'no fact found'}`);

  if (process.argv.includes('--errors')) {
    console.log('\nerrors:');
    for (const e of errors) console.log('  ' + e);
  } else {
    console.log(`(${errors.length} errors; --errors lists them)`);
  }

  const conll = resolve(arg('--conll', join(root, '../shared/data/conll2003')));
  if (!existsSync(join(conll, 'dev.txt'))) {
    console.log(`conll: skipped: no CoNLL-2003 data at ${conll} (pass --conll DIR holding dev.txt)`);
  } else {
    evaluateConll(join(conll, 'dev.txt'), recogniser);
  }

  evaluatePolnear(resolve(arg('--polnear', join(root, '../shared/data/polnear'))), recogniser, 'dev', process.argv.includes('--errors'));
}

main();
