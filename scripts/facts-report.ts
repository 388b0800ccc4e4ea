/**
 * Facts across articles on real news, to read by hand: runs the analysis on a set of PolNeAR articles
 * (2016 US election news from several outlets; data outside the project, see its README) and prints every
 * fact found with its claims, discrepancies first (a claim under the claim threshold, made a claim because
 * another article states it too, is marked).
 *   node out/scripts/facts-report.js [--polnear DIR] [--set dev|train] [--day YYYY-MM-DD] [--days N] [--all]
 *                                    [--dir FOLDER] [--sample N] [--seed S] [--json]
 * --polnear DIR   the data (default ../shared/data/polnear); a clear message and exit code 2 when missing.
 * --day D         the articles dated D in their file name (outlet_YYYY-MM-DD_slug.txt), widened by --days N
 *                 either side. Without --day: the day with the most articles, widened by --days (default 0).
 * --all           every article of the set.
 * --dir FOLDER    any folder of .txt/.md articles instead (e.g. seeds).
 * --sample N      also print N facts drawn at random (seeded by --seed, default 1) for a hand check.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeArticles, type AnalysisResult, type Fact } from '../src/core';
import { CLAIM_THRESHOLD } from '../src/core/claims/claims';
import { mulberry32 } from '../src/core/random';
import { loadRecogniser } from '../src/node/recogniser';

const root = resolve(__dirname, '../..');
const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

interface Article { path: string; text: string }

const DATED = /^([a-z-]+)_(\d{4}-\d{2}-\d{2})_/;

function polnearArticles(): { articles: Article[]; what: string } {
  const dir = resolve(arg('--polnear') ?? join(root, '../shared/data/polnear'));
  const set = arg('--set') ?? 'dev';
  const folder = join(dir, set, 'articles');
  if (!existsSync(folder)) {
    console.error(`facts-report: no PolNeAR articles at ${folder} (pass --polnear DIR, the folder holding ${set}/articles; see its README)`);
    process.exit(2);
  }
  const files = readdirSync(folder).filter((f) => f.endsWith('.txt')).sort();
  const dayOf = (f: string) => DATED.exec(f)?.[2];
  let chosen = files;
  let what = `all ${files.length} ${set} articles`;
  if (!argv.includes('--all')) {
    const days = Number(arg('--days') ?? 0);
    let day = arg('--day');
    if (!day) {
      // The day with the most articles (ties: the earliest).
      const count = new Map<string, number>();
      for (const f of files) { const d = dayOf(f); if (d) count.set(d, (count.get(d) ?? 0) + 1); }
      day = [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    }
    if (day) {
      const t = Date.parse(day);
      const within = files.filter((f) => { const d = dayOf(f); return d !== undefined && Math.abs(Date.parse(d) - t) <= days * 86_400_000; });
      if (within.length) {
        chosen = within;
        what = `${within.length} ${set} articles dated ${day}${days ? ` ± ${days} day(s)` : ''}`;
      } else {
        console.error(`facts-report: no ${set} article is dated ${day}${days ? ` ± ${days}` : ''}; using all ${files.length}`);
      }
    } else {
      console.error(`facts-report: the file names carry no dates; using all ${files.length} ${set} articles`);
    }
  }
  return { articles: chosen.map((f) => ({ path: f, text: readFileSync(join(folder, f), 'utf8') })), what };
}

function folderArticles(dir: string): { articles: Article[]; what: string } {
  const abs = resolve(dir);
  if (!existsSync(abs)) {
    console.error(`facts-report: no folder ${abs}`);
    process.exit(2);
  }
  const files = readdirSync(abs).filter((f) => /\.(txt|md)$/.test(f)).sort();
  return { articles: files.map((f) => ({ path: f, text: readFileSync(join(abs, f), 'utf8') })), what: `${files.length} articles in ${dir}` };
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Claims under the claim threshold are sentences that became claims because another article states them too. */
function isCorroborated(result: AnalysisResult, path: string, start: number): boolean {
  const claim = result.documents.find((d) => d.path === path)?.claims.find((c) => c.start === start);
  return claim !== undefined && claim.score < CLAIM_THRESHOLD;
}

function printFact(result: AnalysisResult, f: Fact, n: number) {
  console.log(`\n#${n} ${f.id}${f.consistent ? '' : `  DISCREPANCY: ${f.discrepancy}`}`);
  for (const c of f.claims) {
    const values = c.values?.length ? `  [${c.values.join(', ')}]` : '';
    const corroborated = isCorroborated(result, c.path, c.start) ? '  (under the threshold; a claim by corroboration)' : '';
    console.log(`  - ${c.path}${values}${corroborated}\n      ${oneLine(c.text ?? '')}`);
  }
}

function main() {
  const dir = arg('--dir');
  const { articles, what } = dir ? folderArticles(dir) : polnearArticles();
  const t0 = performance.now();
  const result: AnalysisResult = analyzeArticles(articles, { recogniser: loadRecogniser() });
  const ms = performance.now() - t0;
  if (argv.includes('--json')) {
    console.log(JSON.stringify({ articles: articles.map((a) => a.path), facts: result.facts }, null, 2));
    return;
  }
  const claims = result.documents.reduce((n, d) => n + d.claims.length, 0);
  const disc = result.facts.filter((f) => !f.consistent).length;
  const corroborated = result.documents.reduce((n, d) => n + d.claims.filter((c) => c.score < CLAIM_THRESHOLD).length, 0);
  console.log(`facts-report: ${what}`);
  for (const a of articles) console.log(`  ${a.path}`);
  console.log(`${claims} claims (${corroborated} of them by corroboration); ${result.facts.length} facts across articles (${disc} with a discrepancy); analysis ${ms.toFixed(0)} ms`);
  result.facts.forEach((f, i) => printFact(result, f, i + 1));
  const sample = Number(arg('--sample') ?? 0);
  if (sample > 0 && result.facts.length) {
    const rnd = mulberry32(Number(arg('--seed') ?? 1)); // seeded, so a sample can be drawn again
    const order = result.facts.map((f, i) => ({ i, k: rnd() })).sort((a, b) => a.k - b.k).slice(0, sample).map((x) => x.i).sort((a, b) => a - b);
    console.log(`\nsample of ${order.length} facts (seed ${arg('--seed') ?? 1}): #${order.map((i) => i + 1).join(', #')}`);
  }
}

main();
