/**
 * `npm run eval`: measures the analysis against hand-made gold and prints every figure.
 * `npm run eval:gate` (`--gate`): the same figures, each beside its threshold from
 * test/fixtures/eval-thresholds.json; exits 1 when any figure is below its threshold (CI runs it).
 *
 * Data:
 * - the seeds' gold (test/fixtures/gold): entities, quotes and speakers, facts across articles. Always
 *   there. In-sample: the gold was written first and the rules were tuned toward it, so these figures
 *   guard against regressions rather than measure how the analysis does on unseen news.
 * - CoNLL-2003 dev (../shared/data/conll2003, --conll DIR): the name tagger alone, and the whole
 *   pipeline on the same text. The tagger was trained on train; dev served to calibrate and select it.
 * - PolNeAR dev (../shared/data/polnear, --polnear DIR): direct quotes and their speakers, scored by
 *   scripts/eval-polnear.ts (the rules of the data's own score.mjs). The speaker chooser was trained on
 *   PolNeAR train; dev is held out from that training.
 * When the shared data is missing, those figures are skipped with a message saying so; with --gate
 * under CI=true (where ../shared sits beside the clone) a missing data set fails the gate.
 *
 * Scoring is strict (see `scoreSeeds`): entities and quotes by exact span (and type), every predicted
 * quote whatever its kind, a speaker right only when its name is the gold name, gold facts matched one
 * to one with predicted facts (so one predicted fact cannot be credited for several gold facts, and
 * predicted facts that match none count against precision), a discrepancy found only when the
 * predicted fact disagrees on the gold values (test/fixtures/gold/facts.json gives each claim of a
 * discrepancy its `value`).
 *
 * Usage: node out/scripts/eval.js [--gate] [--errors] [--conll DIR] [--polnear DIR]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeArticles, type AnalysisResult, type NameRecogniser } from '../src/core';
import { loadNerModel, parseConll } from '../src/core/ner/index';
import { evaluateOnConll } from '../src/core/ner/corpus';
import { loadRecogniser } from '../src/node/recogniser';
import { slug } from '../src/core/text/normalize';
import { evaluateConll } from './eval-conll';
import { evaluatePolnear } from './eval-polnear';

interface GoldEntity { start: number; end: number; text: string; type: string; entityId: string | null }
interface GoldQuote { start: number; end: number; text: string; kind: string; speaker: string | null; speakerEntityId?: string | null }
interface GoldDoc { path: string; entities: GoldEntity[]; quotes: GoldQuote[] }
/** `value` (discrepancy facts only): the figure or date the claim gives, as written in it. */
interface GoldFact { id: string; claims: { path: string; text: string; value?: string }[]; discrepancy: string | null }

const root = resolve(__dirname, '../..');
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
};

function prf(tp: number, fp: number, fn: number) {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}
const fmt = (x: number) => x.toFixed(3);

/** The figures the gate checks, by name (the keys of test/fixtures/eval-thresholds.json). */
type Figures = Map<string, number>;

/** A figure or date as written, for comparing a gold value with a predicted one. */
const valueKey = (v: string) => v.toLowerCase().replace(/\s+/g, ' ').trim();
/** What a gold value says, to tell values that differ from two wordings of one: its digits, else its words. */
const reading = (v: string) => v.replace(/\D/g, '') || valueKey(v);

/**
 * The seeds against their gold. Entities: exact span and type. Quotes: exact span, every predicted
 * quote (speech or scare) against every gold quote; speaker accuracy over the matched quotes, right
 * only when the predicted speaker's name is the gold speaker's name (or both have none). Facts: a
 * predicted fact can match a gold fact when its claims overlap the gold claims in two articles or more;
 * each gold fact is matched to at most one predicted fact and each predicted fact to at most one gold
 * fact, the pairs covering most articles first. Recall counts matched gold facts; precision, matched
 * predicted facts among all predicted ones. A gold discrepancy is found when its matched fact is flagged,
 * the gold claims it holds carry their gold values, and its discrepancy names two gold values that
 * differ; discrepancy precision counts such facts among all the facts flagged.
 */
function scoreSeeds(recogniser: NameRecogniser, errors: string[]): Figures {
  const goldDir = join(root, 'test/fixtures/gold');
  const golds: GoldDoc[] = readdirSync(goldDir).filter((f) => /^\d.*\.json$/.test(f)).sort().map((f) => JSON.parse(readFileSync(join(goldDir, f), 'utf8')));
  const facts: GoldFact[] = JSON.parse(readFileSync(join(goldDir, 'facts.json'), 'utf8'));
  const texts = new Map(golds.map((g) => [g.path, readFileSync(join(root, g.path), 'utf8')]));
  const t0 = performance.now();
  const result: AnalysisResult = analyzeArticles(golds.map((g) => ({ path: g.path, text: texts.get(g.path)! })), { recogniser });
  console.log(`recogniser: ${recogniser.id}`);
  console.log(`seeds analysis time: ${(performance.now() - t0).toFixed(0)} ms`);
  const figures: Figures = new Map();
  const where = (path: string) => path.slice(6, 9);

  // Entities: exact span and type.
  const types = ['PERSON', 'ORG', 'PLACE', 'DATE', 'NUMBER'];
  const counts = new Map(types.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
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
        errors.push(`${e.type} spurious/wrong: "${e.text}" (${where(g.path)}@${e.start})`);
      }
    }
    for (const e of g.entities) {
      if (predKeys.has(key(e))) continue;
      counts.get(e.type)!.fn++;
      const got = pred.find((p) => p.start < e.end && e.start < p.end);
      errors.push(`${e.type} missed: "${e.text}" (${where(g.path)}@${e.start})${got ? ` got ${got.type} "${got.text}"` : ''}`);
    }
  });
  const sum = (ts: string[]) => ts.reduce((a, t) => ({ tp: a.tp + counts.get(t)!.tp, fp: a.fp + counts.get(t)!.fp, fn: a.fn + counts.get(t)!.fn }), { tp: 0, fp: 0, fn: 0 });
  for (const t of types) {
    const c = counts.get(t)!;
    const s = prf(c.tp, c.fp, c.fn);
    console.log(`entities ${t}: P ${fmt(s.p)} R ${fmt(s.r)} F1 ${fmt(s.f)} (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`);
  }
  const names = sum(['PERSON', 'ORG', 'PLACE']);
  const n = prf(names.tp, names.fp, names.fn);
  console.log(`entities PERSON/ORG/PLACE micro: P ${fmt(n.p)} R ${fmt(n.r)} F1 ${fmt(n.f)}`);
  const all = sum(types);
  const a = prf(all.tp, all.fp, all.fn);
  console.log(`entities all types micro: P ${fmt(a.p)} R ${fmt(a.r)} F1 ${fmt(a.f)}`);
  figures.set('seeds.entities.names.f1', n.f);
  figures.set('seeds.entities.all.f1', a.f);

  // Quotes: every predicted quote, whatever its kind, against every gold quote; speakers by name.
  let qtp = 0, qfp = 0, qfn = 0, kindOk = 0, spk = 0;
  golds.forEach((g, d) => {
    const pred = result.documents[d].quotes;
    for (const q of pred) {
      const m = g.quotes.find((x) => x.start === q.start && x.end === q.end);
      if (!m) {
        qfp++;
        errors.push(`quote spurious (${q.kind}): "${q.text.slice(0, 50)}" (${where(g.path)}@${q.start})`);
        continue;
      }
      qtp++;
      if (q.kind === m.kind) kindOk++;
      else errors.push(`quote kind wrong: "${q.text.slice(0, 40)}" got ${q.kind} want ${m.kind} (${where(g.path)})`);
      const predName = q.speaker?.name ?? null;
      if (predName === null ? m.speaker === null : m.speaker !== null && slug(predName) === slug(m.speaker)) spk++;
      else errors.push(`speaker wrong: "${q.text.slice(0, 40)}" got ${predName} want ${m.speaker} (${where(g.path)})`);
    }
    for (const q of g.quotes) {
      if (!pred.some((x) => x.start === q.start && x.end === q.end)) {
        qfn++;
        errors.push(`quote missed: "${q.text.slice(0, 50)}" (${where(g.path)}@${q.start})`);
      }
    }
  });
  const qs = prf(qtp, qfp, qfn);
  console.log(`quotes span (every kind): P ${fmt(qs.p)} R ${fmt(qs.r)} F1 ${fmt(qs.f)} (tp ${qtp}, fp ${qfp}, fn ${qfn}); kind right on ${kindOk}/${qtp}`);
  console.log(`speaker accuracy (name): ${fmt(qtp ? spk / qtp : 0)} (${spk}/${qtp})`);
  figures.set('seeds.quotes.f1', qs.f);
  figures.set('seeds.speakers.accuracy', qtp ? spk / qtp : 0);

  // Alias clusters: pairwise over the gold PERSON/ORG/PLACE mentions found with their exact span.
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
    const gs = pairs[i].gold === pairs[j].gold;
    const ps = pairs[i].pred === pairs[j].pred;
    if (gs) same++;
    if (ps) predSame++;
    if (gs && ps) bothSame++;
  }
  const cl = prf(bothSame, predSame - bothSame, same - bothSame);
  console.log(`alias clusters (pairwise over ${pairs.length} matched mentions): P ${fmt(cl.p)} R ${fmt(cl.r)} F1 ${fmt(cl.f)}`);
  figures.set('seeds.aliases.f1', cl.f);
  for (const group of [['Biden', 'Joe Biden'], ['NATO', 'Nato'], ['US', 'U.S.', 'United States'], ['Kyiv', 'Kiev'], ['Zelenskiy', 'Zelenskyy', 'Zelensky'], ['Yuri Ushakov', 'Yury Ushakov', 'Ushakov']]) {
    const ids = new Set<string>();
    for (const name of group) for (const d of result.documents) for (const m of d.entities) if (m.text === name) ids.add(m.entityId);
    const present = group.filter((x) => result.documents.some((d) => d.entities.some((m) => m.text === x)));
    console.log(`alias group ${group.join(' = ')}: ${present.length ? (ids.size === 1 ? 'linked' : `NOT linked (${[...ids].join(', ')})`) : 'not in corpus'} [${present.join(', ')}]`);
  }

  // Facts, matched one to one.
  const goldClaims = facts.map((f) => f.claims.map((c) => {
    const at = texts.get(c.path)!.indexOf(c.text);
    if (at < 0) throw new Error(`facts.json ${f.id}: claim not in ${c.path}: ${c.text}`);
    return { path: c.path, start: at, end: at + c.text.length, value: c.value };
  }));
  const overlaps = (c: { path: string; start: number; end: number }, g: { path: string; start: number; end: number }) => c.path === g.path && c.start < g.end && g.start < c.end;
  const candidates: { g: number; p: number; articles: number; claims: number }[] = [];
  facts.forEach((_, g) => result.facts.forEach((pf, p) => {
    const hit = goldClaims[g].filter((gc) => pf.claims.some((c) => overlaps(c, gc)));
    const articles = new Set(hit.map((gc) => gc.path)).size;
    if (articles >= 2) candidates.push({ g, p, articles, claims: hit.length });
  }));
  candidates.sort((x, y) => y.articles - x.articles || y.claims - x.claims || x.g - y.g || x.p - y.p);
  const goldMatch = new Map<number, number>();
  const predMatched = new Set<number>();
  for (const c of candidates) {
    if (goldMatch.has(c.g) || predMatched.has(c.p)) continue;
    goldMatch.set(c.g, c.p);
    predMatched.add(c.p);
  }
  let discFound = 0, discTotal = 0;
  const flaggedRight = new Set<number>();
  facts.forEach((f, g) => {
    const p = goldMatch.get(g);
    const pf = p === undefined ? undefined : result.facts[p];
    if (!f.discrepancy) {
      console.log(`fact ${f.id}: ${pf ? `found${pf.consistent ? '' : `; FALSE discrepancy: ${pf.discrepancy}`}` : 'MISSED'}`);
      return;
    }
    discTotal++;
    // The gold claims the predicted fact holds must carry their gold values, and its discrepancy must
    // name two gold values that differ (not "100,000 troops" vs "100,000 soldiers").
    const held = goldClaims[g].filter((gc) => gc.value && pf?.claims.some((c) => overlaps(c, gc)));
    const wrongValue = held.filter((gc) => !pf!.claims.some((c) => overlaps(c, gc) && (c.values ?? []).some((v) => valueKey(v) === valueKey(gc.value!))));
    const said = valueKey(pf?.discrepancy ?? '');
    const named = new Set(held.filter((gc) => said.includes(valueKey(gc.value!))).map((gc) => reading(gc.value!)));
    const right = !!pf && !pf.consistent && wrongValue.length === 0 && named.size >= 2;
    if (right) {
      discFound++;
      flaggedRight.add(p!);
    }
    const why = !pf ? '' : pf.consistent ? ': no discrepancy' : wrongValue.length ? `: ${pf.discrepancy}; values not carried: ${wrongValue.map((gc) => `${gc.value} (${where(gc.path)})`).join(', ')}` : named.size < 2 ? `: ${pf.discrepancy}; it names fewer than two differing gold values` : '';
    console.log(`fact ${f.id}: ${pf ? 'found' : 'MISSED'}; discrepancy ${right ? `flagged on its values: ${pf!.discrepancy}` : `NOT flagged on its values${why}`}`);
  });
  result.facts.forEach((pf, p) => {
    if (!predMatched.has(p)) errors.push(`fact invented (matches no gold fact${pf.consistent ? '' : ', with a discrepancy'}): ${pf.statement}`);
  });
  const flagged = result.facts.filter((f) => !f.consistent).length;
  const recall = goldMatch.size / facts.length;
  const precision = result.facts.length ? predMatched.size / result.facts.length : 0;
  const discPrecision = flagged ? flaggedRight.size / flagged : 0;
  console.log(`facts (one to one): recall ${fmt(recall)} (${goldMatch.size}/${facts.length}), precision ${fmt(precision)} (${predMatched.size}/${result.facts.length} predicted facts match a gold fact)`);
  console.log(`discrepancies (on their values): found ${discFound}/${discTotal}, precision ${fmt(discPrecision)} (${flaggedRight.size} of ${flagged} flagged facts)`);
  figures.set('seeds.facts.recall', recall);
  figures.set('seeds.facts.precision', precision);
  figures.set('seeds.discrepancies.recall', discTotal ? discFound / discTotal : 0);
  figures.set('seeds.discrepancies.precision', discPrecision);
  return figures;
}

/** The tagger alone on CoNLL-2003 dev: micro F1 over PER/ORG/LOC, exact span and type. */
function scoreTagger(devFile: string): number {
  const model = loadNerModel(new Uint8Array(readFileSync(join(root, 'models/ner-conll.bin'))));
  const res = evaluateOnConll(model, parseConll(readFileSync(devFile, 'utf8')));
  console.log(`conll dev tagger (${model.id}) micro F1 (PER/ORG/LOC, exact span): ${(100 * res.scores.micro.f1).toFixed(1)}`);
  return res.scores.micro.f1;
}

interface Threshold { min: number }
interface Thresholds { [key: string]: Threshold | string }

function main() {
  const gate = process.argv.includes('--gate');
  const errors: string[] = [];
  const recogniser = loadRecogniser();
  const figures = scoreSeeds(recogniser, errors);
  if (process.argv.includes('--errors')) {
    console.log('\nerrors:');
    for (const e of errors) console.log('  ' + e);
  } else {
    console.log(`(${errors.length} errors; --errors lists them)`);
  }

  const missing: string[] = [];
  const conll = resolve(arg('--conll', join(root, '../shared/data/conll2003')));
  if (!existsSync(join(conll, 'dev.txt'))) {
    missing.push(`CoNLL-2003 dev: no ${join(conll, 'dev.txt')} (pass --conll DIR holding dev.txt)`);
  } else {
    figures.set('conll.tagger.f1', scoreTagger(join(conll, 'dev.txt')));
    figures.set('conll.pipeline.f1', evaluateConll(join(conll, 'dev.txt'), recogniser));
  }
  const polnear = resolve(arg('--polnear', join(root, '../shared/data/polnear')));
  if (!existsSync(join(polnear, 'dev', 'gold.json'))) {
    missing.push(`PolNeAR dev: no ${join(polnear, 'dev', 'gold.json')} (pass --polnear DIR holding dev/gold.json and dev/articles/)`);
  } else {
    const s = evaluatePolnear(polnear, recogniser, 'dev')!;
    figures.set('polnear.quoteF1', s.quoteF1);
    figures.set('polnear.speakerAcc', s.speakerAcc);
    figures.set('polnear.speakerAccAll', s.speakerAccAll);
  }
  for (const m of missing) console.log(`skipped: ${m}`);
  if (!gate) return;

  // The gate: every figure beside its threshold.
  const file = join(root, 'test/fixtures/eval-thresholds.json');
  const thresholds = JSON.parse(readFileSync(file, 'utf8')) as Thresholds;
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  let failed = 0;
  console.log(`\neval gate (${file}):`);
  for (const [key, t] of Object.entries(thresholds)) {
    if (typeof t === 'string' || key.startsWith('_')) continue;
    const v = figures.get(key);
    if (v === undefined) {
      // Only the shared data sets can be missing; in CI they must be there.
      console.log(`  ${key.padEnd(30)} ${'-'.padStart(6)}  >= ${t.min.toFixed(3)}  ${ci ? 'FAIL (data missing)' : 'skipped (data missing)'}`);
      if (ci) failed++;
      continue;
    }
    const ok = v >= t.min;
    if (!ok) failed++;
    console.log(`  ${key.padEnd(30)} ${v.toFixed(3).padStart(6)}  >= ${t.min.toFixed(3)}  ${ok ? 'ok' : 'FAIL'}`);
  }
  for (const key of figures.keys()) if (!(key in thresholds)) console.log(`  ${key}: no threshold (add one to ${file})`);
  if (missing.length) {
    console.log(`\n${missing.length} data set(s) missing: ${missing.join('; ')}.`);
    console.log(ci ? 'CI=true: the shared data must sit beside the clone (../shared); the gate fails.' : 'Their figures were not checked (CI, where ../shared sits beside the clone, fails on this).');
  }
  if (failed) {
    console.log(`eval gate: FAILED (${failed} below threshold${ci && missing.length ? ' or missing' : ''})`);
    process.exitCode = 1;
  } else {
    console.log(`eval gate: passed${missing.length ? ' (the missing data sets unchecked)' : ''}`);
  }
}

main();
