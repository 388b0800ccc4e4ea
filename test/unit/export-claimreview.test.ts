import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeArticles } from '../../src/core';
import { exportClaimReview, headline, rating, DEFAULT_VERDICTS } from '../../src/core/export/claimreview';
import { suggestionsFor, type Annotation } from '../../src/core/sidecar';
import { loadRecogniser } from '../../src/node/recogniser';

const SEEDS = join(__dirname, '..', '..', '..', 'seeds');

/** Google's ClaimReview guidelines: the required properties, and the recommended ones this export fills. */
const REQUIRED = ['claimReviewed', 'reviewRating', 'reviewRating.alternateName', 'url'];
const RECOMMENDED = ['author', 'author.name', 'datePublished', 'itemReviewed', 'itemReviewed.@type', 'itemReviewed.appearance', 'itemReviewed.datePublished', 'itemReviewed.author',
  'reviewRating.ratingValue', 'reviewRating.bestRating', 'reviewRating.worstRating'];
const get = (o: unknown, path: string) => path.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);

test('ClaimReview of rated seed claims: Google\'s required and recommended fields, one review per rated claim', () => {
  const file = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()[0];
  const text = readFileSync(join(SEEDS, file), 'utf8');
  const result = analyzeArticles([{ path: file, text }], { recogniser: loadRecogniser() }).documents[0];
  const claims = suggestionsFor(text, result, '2026-12-01T10:00:00.000Z').filter((a) => a.kind === 'claim');
  assert.ok(claims.length >= 3);
  const withSource = result.claims.find((c) => c.source);
  assert.ok(withSource, 'a seed claim names its source');
  const pick = (c: { start: number; end: number }) => claims.find((a) => a.target.start === c.start && a.target.end === c.end)!;
  const rated: Annotation[] = [
    { ...pick(withSource), verdict: 'Mostly false', note: 'Officials gave other figures.' },
    { ...claims.find((a) => a !== pick(withSource))!, verdict: 'Unproven' },
  ];
  const unrated = claims.filter((a) => !rated.some((r) => r.id === a.id));
  const out = JSON.parse(exportClaimReview([{ path: file, text, annotations: [...rated, ...unrated], claims: result.claims, datePublished: '2021-12-30', url: 'https://news.example/a' }],
    { publisher: 'Example Checks', urlTemplate: 'https://checks.example/review/{id}' }));
  assert.equal(out['@context'], 'https://schema.org');
  assert.equal(out['@graph'].length, 2);
  const [review, unproven] = out['@graph'];
  for (const f of [...REQUIRED, ...RECOMMENDED]) assert.ok(get(review, f) !== undefined, `missing ${f}`);
  assert.equal(review['@type'], 'ClaimReview');
  assert.equal(review.claimReviewed, withSource.text.replace(/\s+/g, ' ').trim());
  assert.deepEqual(review.reviewRating, { '@type': 'Rating', alternateName: 'Mostly false', ratingValue: 2, bestRating: 5, worstRating: 1 });
  assert.equal(review.itemReviewed.author.name, withSource.source);
  assert.equal(review.itemReviewed.appearance[0].name, headline(text));
  assert.equal(review.itemReviewed.appearance[0].url, 'https://news.example/a');
  assert.equal(review.author.name, 'Example Checks');
  assert.equal(review.url, `https://checks.example/review/${encodeURIComponent(rated[0].id)}`);
  assert.equal(review.datePublished, '2026-12-01');
  assert.equal(review.reviewBody, 'Officials gave other figures.');
  // Outside the scale: the label only.
  for (const f of REQUIRED) assert.ok(get(unproven, f) !== undefined, `missing ${f}`);
  assert.deepEqual(unproven.reviewRating, { '@type': 'Rating', alternateName: 'Unproven' });
  assert.notEqual(unproven.url, review.url, 'one URL per review');
});

test('rating: the place on the scale counted from the worst; a custom scale; rejected claims are reported, not reviewed', () => {
  assert.equal(rating('True', DEFAULT_VERDICTS).ratingValue, 5);
  assert.equal(rating('false', DEFAULT_VERDICTS).ratingValue, 1);
  assert.deepEqual(rating('Pants on fire', ['Correct', 'Pants on fire']), { '@type': 'Rating', alternateName: 'Pants on fire', ratingValue: 1, bestRating: 2, worstRating: 1 });
  const problems: string[] = [];
  const a: Annotation = { id: 'c1', kind: 'claim', origin: 'suggested', status: 'rejected', tags: [], verdict: 'True', created: 't', modified: '2026-01-01T00:00:00Z', target: { start: 0, end: 4, exact: 'Text', prefix: '', suffix: '' } };
  const out = JSON.parse(exportClaimReview([{ path: 'a.txt', text: 'Text', annotations: [a] }], { publisher: 'P', urlTemplate: 'u/{id}', report: (p) => problems.push(p.message) }));
  assert.equal(out['@graph'].length, 0);
  assert.equal(problems.length, 1);
});

test('CLI: export --format claimreview writes one review per rated claim; without a publisher or {id} it is a usage error', async () => {
  const { mkdtempSync, writeFileSync: write, copyFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { spawnSync } = await import('node:child_process');
  const { makeSidecar, serializeSidecar } = await import('../../src/core/sidecar');
  const cli = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-claimreview-'));
  const file = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()[1];
  copyFileSync(join(SEEDS, file), join(dir, file));
  const text = readFileSync(join(dir, file), 'utf8');
  const result = analyzeArticles([{ path: file, text }], { recogniser: loadRecogniser() }).documents[0];
  const annotations = suggestionsFor(text, result, '2026-12-01T10:00:00.000Z').map((a, i, all) => (a === all.find((x) => x.kind === 'claim') ? { ...a, verdict: 'False', note: 'No such figure.' } : a));
  write(join(dir, `${file}.annotations.json`), serializeSidecar(makeSidecar(file, text, annotations, 'test', '0.1.0')));
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'export', dir, '--format', 'claimreview', ...args], { encoding: 'utf8', cwd: dir });
  const ok = run('--out', '-', '--publisher', 'Example Checks', '--url-template', 'https://checks.example/r/{id}');
  assert.equal(ok.status, 0, ok.stderr);
  const doc = JSON.parse(ok.stdout);
  assert.equal(doc['@graph'].length, 1);
  assert.equal(doc['@graph'][0].reviewRating.alternateName, 'False');
  assert.equal(doc['@graph'][0].reviewRating.ratingValue, 1);
  assert.equal(doc['@graph'][0].reviewBody, 'No such figure.');
  assert.equal(run('--out', '-', '--url-template', 'https://checks.example/r/{id}').status, 2);
  const noId = run('--out', '-', '--publisher', 'P', '--url-template', 'https://checks.example/r/');
  assert.equal(noId.status, 2);
  assert.match(noId.stderr, /\{id\}/);
  assert.equal(run('--out', '-', '--publisher', 'P', '--url-template', 'https://x/{id}', '--offsets', 'utf16').status, 2, 'an option of another format is refused');
});
