// map | link equals analyze on 1,000+ articles, whatever the split and order; analyze on a pool of workers equals one
// worker. Run by `npm run test:archive` (after the unit suite: it takes about a minute). The corpus is built here from
// the repo's seeds and generated newswire sentences, so the test needs nothing outside the repo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const ARTICLES = 1_000;

const PEOPLE = ['Angela Merkel', 'Joe Biden', 'Vladimir Putin', 'Olaf Scholz', 'Emmanuel Macron', 'Ursula von der Leyen', 'Jens Stoltenberg', 'Antony Blinken', 'Sergei Lavrov', 'Volodymyr Zelensky', 'Maria Santos', 'Kenji Tanaka'];
const ORGS = ['NATO', 'the European Union', 'Reuters', 'the Bundesbank', 'Gazprom', 'the United Nations', 'Siemens', 'the IMF', 'Deutsche Bank', 'the OSCE'];
const PLACES = ['Berlin', 'Moscow', 'Kyiv', 'Paris', 'Brussels', 'Geneva', 'Warsaw', 'Tokyo', 'Madrid', 'Vienna'];
const VERBS = ['said', 'told reporters', 'announced', 'warned', 'confirmed'];
const UNITS = ['troops', 'percent', 'million euros', 'people', 'tonnes'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June'];

/** A CoNLL-style newswire paragraph, picked by arithmetic on k (the corpus must be the same every run). */
function wire(k) {
  const at = (list, m) => list[(k * m + Math.floor(k / list.length)) % list.length];
  const n = ((k * 37) % 900) + 10;
  return `${at(PLACES, 7)} ${at(MONTHS, 5)} ${(k % 27) + 1}, 2022 - ${at(PEOPLE, 3)} of ${at(ORGS, 11)} ${at(VERBS, 13)} that ${n} ${at(UNITS, 17)} would reach ${at(PLACES, 19)} by ${at(MONTHS, 23)}. ` +
    `"We will not accept this," ${at(PEOPLE, 29).split(' ').pop()} said on Thursday, adding that ${at(ORGS, 31)} expected talks in ${at(PLACES, 37)}.`;
}

/** Articles: a title, a seed paragraph or two, and generated wire paragraphs. */
function corpus() {
  const seedDir = join(root, 'seeds');
  const paragraphs = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort()
    .flatMap((f) => readFileSync(join(seedDir, f), 'utf8').split('\n').filter((l) => l.trim().length > 80));
  return Array.from({ length: ARTICLES }, (_, k) => {
    const name = `${String(Math.floor(k / 100)).padStart(2, '0')}/${String(k).padStart(4, '0')}.${k % 10 === 3 ? 'md' : 'txt'}`;
    const title = `Report ${k}: ${PLACES[k % PLACES.length]} talks`;
    const body = [paragraphs[k % paragraphs.length], wire(k), wire(k + 500), k % 4 === 0 ? paragraphs[(k * 7) % paragraphs.length] : ''].filter(Boolean);
    const text = name.endsWith('.md') ? `# ${title}\n\n${body.join('\n\n').replace(/Putin/g, '*Putin*')}\n` : `${title}\n${body.join('\n')}\n`;
    return { name, text };
  });
}

function sh(command, cwd) {
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', command], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  assert.equal(r.status, 0, `${command} failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  return r.stdout;
}

const haveParallel = spawnSync('parallel', ['--version'], { encoding: 'utf8' }).status === 0;

test(`map | link gives analyze's document on ${ARTICLES} articles, however split and ordered; analyze on a pool equals one worker`, { timeout: 600_000 }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-archive-'));
  try {
    const articles = corpus();
    for (const a of articles) {
      mkdirSync(join(dir, 'articles', a.name, '..'), { recursive: true });
      writeFileSync(join(dir, 'articles', a.name), a.text);
    }
    // The ids are the paths analyze prints (relative to its working folder); the lines are not in folder order.
    const lines = articles.map((a) => JSON.stringify({ id: `articles/${a.name}`, text: a.text, ...(a.name.endsWith('.md') ? { format: 'markdown' } : {}) }));
    writeFileSync(join(dir, 'corpus.jsonl'), lines.reverse().join('\n') + '\n');

    const analysed = sh(`node ${cli} analyze articles --json --workers 2`, dir);
    const parsed = JSON.parse(analysed);
    assert.equal(parsed.documents.length, ARTICLES);
    assert.ok(parsed.facts.length > 0 && parsed.entities.length > 20, 'the corpus has facts and entities to link');
    assert.ok(parsed.documents.some((d) => d.claims.some((c) => c.partOf && c.factId)), 'some claims cut by Markdown markup belong to a fact');
    assert.equal(sh(`node ${cli} analyze articles --json --workers 1`, dir), analysed, 'the pool of workers prints what one worker prints');

    if (haveParallel) {
      sh(`parallel --pipe -N 100 -j2 node ${cli} map < corpus.jsonl > records.jsonl`, dir);
    } else {
      t.diagnostic('GNU parallel is not installed (Debian package `parallel`): the records are made by one map process instead');
      sh(`node ${cli} map < corpus.jsonl > records.jsonl`, dir);
    }
    assert.equal(sh(`shuf records.jsonl | node ${cli} link`, dir), analysed, 'link from standard input, records shuffled');
    // Several files, as several map workers would leave them.
    const records = readFileSync(join(dir, 'records.jsonl'), 'utf8').trim().split('\n');
    const parts = [[], [], []];
    records.forEach((r, i) => parts[(i * 7) % 3].push(r));
    parts.forEach((p, i) => writeFileSync(join(dir, `part-${i}.jsonl`), p.join('\n') + '\n'));
    assert.equal(sh(`node ${cli} link part-2.jsonl part-0.jsonl - < part-1.jsonl`, dir), analysed, 'link from files and standard input');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the pipeline as the issue writes it: parallel --pipe -N 100 -j2 map | shuf | link', { timeout: 600_000, skip: haveParallel ? false : 'GNU parallel is not installed (Debian package `parallel`); CI installs it' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-archive-'));
  try {
    const articles = corpus().slice(0, 300);
    for (const a of articles) {
      mkdirSync(join(dir, 'articles', a.name, '..'), { recursive: true });
      writeFileSync(join(dir, 'articles', a.name), a.text);
    }
    writeFileSync(join(dir, 'corpus.jsonl'), articles.map((a) => JSON.stringify({ id: `articles/${a.name}`, text: a.text, ...(a.name.endsWith('.md') ? { format: 'markdown' } : {}) })).join('\n') + '\n');
    assert.equal(sh(`parallel --pipe -N 100 -j2 node ${cli} map < corpus.jsonl | shuf | node ${cli} link`, dir), sh(`node ${cli} analyze articles --json`, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('map names a bad line on stderr and goes on, in input order; link refuses what is not a map record', () => {
  const input = ['{"id": "b.txt", "text": "Angela Merkel spoke in Berlin."}', 'not json', '{"id": "", "text": "x"}', '{"id": "a.txt", "text": "Joe Biden met NATO."}', '{"id": "c.txt"}'].join('\n') + '\n';
  const r = spawnSync(process.execPath, [cli, 'map'], { input, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l).id), ['b.txt', 'a.txt']);
  assert.match(r.stderr, /line 2: not JSON/);
  assert.match(r.stderr, /line 3: no "id"/);
  assert.match(r.stderr, /line 5: no "text"/);
  const linked = spawnSync(process.execPath, [cli, 'link'], { input: r.stdout + '{"id": "d.txt", "text": "x"}\n' + r.stdout.split('\n')[0] + '\n', encoding: 'utf8' });
  assert.equal(linked.status, 1);
  assert.deepEqual(JSON.parse(linked.stdout).documents.map((d) => d.path), ['a.txt', 'b.txt']);
  assert.match(linked.stderr, /line 3: not a map record/);
  assert.match(linked.stderr, /line 4: a second record for "b.txt"/);
  const none = spawnSync(process.execPath, [cli, 'link'], { input: '', encoding: 'utf8' });
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no map records/);
});
