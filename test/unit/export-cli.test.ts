import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSidecar, parseSidecar, serializeSidecar, type Annotation } from '../../src/core/sidecar';
import { exportCommand, runExport } from '../../src/cli/export';
import { importCommand, runImport } from '../../src/cli/import';
import { ann, ASTRAL_ARTICLE } from './fixtures';

const A_TEXT = ASTRAL_ARTICLE;
const B_TEXT = '“We will not back down,” said Vladimir Putin in Moscow on Friday.\nRussia sent 100,000 troops to the border, officials said.\n';

const A_ANNOTATIONS: Annotation[] = [
  ann(A_TEXT, 'u-1', '📰', { kind: 'note', origin: 'user', status: 'accepted', note: 'emoji' }),
  ann(A_TEXT, 'q-1', 'We are ready 🚀, really,', { kind: 'quote', speaker: 'Joe Biden', tags: ['disputed'], status: 'accepted' }),
  ann(A_TEXT, 'e-1', 'Joe Biden', { type: 'PERSON', entityId: 'e-joe-biden' }),
  ann(A_TEXT, 'c-1', 'The 𝔘𝔑 sent 5,000 troops, officials said.', { kind: 'claim' }),
  ann(A_TEXT, 'e-rej', 'Geneva', { type: 'ORG', status: 'rejected' }),
];

/** A temporary corpus: news/a.txt with a sidecar, news/b.txt without one, news/c.txt with a broken one. Works in it. */
function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-export-'));
  mkdirSync(join(dir, 'news'));
  writeFileSync(join(dir, 'news/a.txt'), A_TEXT);
  writeFileSync(join(dir, 'news/a.txt.annotations.json'), serializeSidecar(makeSidecar('news/a.txt', A_TEXT, A_ANNOTATIONS, 'test', '0.1.0')));
  writeFileSync(join(dir, 'news/b.txt'), B_TEXT);
  writeFileSync(join(dir, 'news/c.txt'), 'Some text.\n');
  writeFileSync(join(dir, 'news/c.txt.annotations.json'), '{ broken');
  process.chdir(dir);
  return dir;
}

/** Annotations as a sidecar file holds them (sorted, fixed key order). */
function asWritten(list: Annotation[]): Annotation[] {
  const parsed = parseSidecar(serializeSidecar(makeSidecar('news/a.txt', A_TEXT, list, 'x', '0')));
  assert.ok(parsed.ok);
  return parsed.sidecar.annotations;
}

/** Runs f with standard error (and output) captured. */
function captured<T>(f: () => T): { value: T; err: string; out: string } {
  const errWrite = process.stderr.write.bind(process.stderr);
  const outWrite = process.stdout.write.bind(process.stdout);
  let err = '';
  let out = '';
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  try {
    return { value: f(), err, out };
  } finally {
    process.stderr.write = errWrite;
    process.stdout.write = outWrite;
  }
}

test('CLI export: sidecars where there are, fresh analysis where not, broken sidecars reported (exit 1)', () => {
  const dir = corpus();
  try {
    const r = captured(() => exportCommand(['news'], { format: 'w3c', out: 'out/all.jsonld' }));
    assert.equal(r.value, 1);
    assert.match(r.err, /news\/c\.txt\.annotations\.json: not valid JSON/);
    assert.match(r.err, /news\/c\.txt: not exported \(its sidecar cannot be read/);
    const doc = JSON.parse(readFileSync('out/all.jsonld', 'utf8')) as { total: number; generated: string; first: { items: Record<string, unknown>[] } };
    const items = doc.first.items;
    const sources = new Set(items.map((i) => (i.target as { source: string }).source));
    assert.deepEqual([...sources].sort(), ['urn:marginalia:news/a.txt', 'urn:marginalia:news/b.txt']);
    // a: its sidecar (4 of 5: not the rejected one); b: suggestions of the analysis (a quote of Putin at least).
    assert.deepEqual(items.filter((i) => (i.target as { source: string }).source.endsWith('a.txt')).map((i) => i['marginalia:id']).sort(), ['c-1', 'e-1', 'q-1', 'u-1']);
    assert.ok(items.some((i) => (i.target as { source: string }).source.endsWith('b.txt') && i['marginalia:kind'] === 'quote'));
    assert.match(doc.generated, /Z$/);
    assert.match(r.err, /exported \d+ annotations of 2 articles to out\/all\.jsonld \(w3c\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI export: jsonl, csv (to standard output) and brat (a folder with annotation.conf)', () => {
  const dir = corpus();
  try {
    rmSync('news/c.txt.annotations.json');
    assert.equal(captured(() => runExport(['news/a.txt', 'news/b.txt', '--format=jsonl', '--out', 'x.jsonl', '--offsets', 'utf16'])).value, 0);
    const lines = readFileSync('x.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: [number, number, string][]; marginalia: { offsets: string } });
    assert.equal(lines.length, 2);
    assert.equal(lines[0].marginalia.offsets, 'utf16');
    for (const l of lines) for (const [s, e, label] of l.label) assert.ok(l.text.slice(s, e).length > 0 && label.length > 0);
    const csv = captured(() => exportCommand(['news'], { format: 'csv', out: '-' }));
    assert.equal(csv.value, 0);
    assert.ok(csv.out.startsWith('\uFEFFarticle,kind,text,speaker,tags,note,fact,discrepancy,verdict\r\n'));
    assert.match(csv.out, /news\/a\.txt,quote,"We are ready 🚀, really,",Joe Biden,disputed,,,,\r\n/);
    assert.match(csv.err, /exported \d+ quotes and claims of 3 articles/);
    assert.equal(captured(() => exportCommand(['news'], { format: 'brat', out: 'brat' })).value, 0);
    for (const f of ['brat/news/a.txt', 'brat/news/a.ann', 'brat/news/b.txt', 'brat/news/b.ann', 'brat/annotation.conf']) assert.ok(existsSync(f), f);
    assert.equal(readFileSync('brat/news/a.txt', 'utf8'), A_TEXT.replace(/\r\n/g, '\n'));
    assert.match(readFileSync('brat/news/a.ann', 'utf8'), /^T\d+\tPERSON 49 58\tJoe Biden$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI import: an export restores a deleted sidecar; importing again changes nothing; broken sidecars are left alone', () => {
  const dir = corpus();
  try {
    assert.equal(captured(() => exportCommand(['news/a.txt'], { format: 'w3c', out: 'a.jsonld', includeRejected: true })).value, 0);
    assert.equal(captured(() => exportCommand(['news/a.txt'], { format: 'jsonl', out: 'a.jsonl' })).value, 0);
    const original = readFileSync('news/a.txt.annotations.json', 'utf8');
    for (const file of ['a.jsonld', 'a.jsonl']) {
      rmSync('news/a.txt.annotations.json');
      // No articles named: the ones the file names.
      const r = captured(() => importCommand(file, []));
      assert.equal(r.value, 0, r.err);
      const parsed = parseSidecar(readFileSync('news/a.txt.annotations.json', 'utf8'));
      assert.ok(parsed.ok);
      // Both formats carry the rejection (W3C among the items here, JSONL in its metadata).
      const expected = A_ANNOTATIONS;
      assert.deepEqual(parsed.sidecar.annotations, asWritten(expected));
      assert.match(r.err, new RegExp(`news/a\\.txt: ${expected.length} added, 0 updated, 0 unchanged`));
    }
    writeFileSync('news/a.txt.annotations.json', original);
    const again = captured(() => runImport(['a.jsonld', 'news']));
    assert.equal(again.value, 0, again.err);
    assert.match(again.err, /news\/a\.txt: 0 added, 0 updated, 5 unchanged/);
    assert.equal(readFileSync('news/a.txt.annotations.json', 'utf8'), original, 'an import that changes nothing does not rewrite');
    // A broken sidecar is not overwritten.
    writeFileSync('news/a.txt.annotations.json', '{ broken');
    const broken = captured(() => importCommand('a.jsonld', ['news/a.txt']));
    assert.equal(broken.value, 1);
    assert.match(broken.err, /not writing news\/a\.txt\.annotations\.json/);
    assert.equal(readFileSync('news/a.txt.annotations.json', 'utf8'), '{ broken');
    // Dry run writes nothing.
    rmSync('news/a.txt.annotations.json');
    const dry = captured(() => runImport(['a.jsonl', '--dry-run']));
    assert.equal(dry.value, 0);
    assert.ok(!existsSync('news/a.txt.annotations.json'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI arguments: usage on missing or unknown options, both --name value and --name=value', () => {
  const dir = corpus();
  try {
    assert.equal(captured(() => runExport(['news', '--format', 'w3c'])).value, 2);
    assert.equal(captured(() => runExport(['news', '--format', 'xml', '--out', 'x'])).value, 2);
    assert.equal(captured(() => runExport(['news', '--format', 'w3c', '--out', 'x', '--bogus'])).value, 2);
    assert.equal(captured(() => runExport(['news', '--format', 'brat', '--out', '-'])).value, 2);
    assert.equal(captured(() => runExport(['news', '--format', 'jsonl', '--out', 'x', '--offsets', 'bytes'])).value, 2);
    assert.equal(captured(() => runExport(['nope', '--format', 'w3c', '--out', 'x'])).value, 2);
    assert.equal(captured(() => runImport([])).value, 2);
    assert.equal(captured(() => runImport(['missing.jsonld', 'news'])).value, 2);
    assert.equal(captured(() => runImport(['x', '--format', 'csv'])).value, 2);
    rmSync('news/c.txt.annotations.json');
    assert.equal(captured(() => runExport(['news/a.txt', '--format=w3c', '--out=y.jsonld', '--base', 'https://news.example.org/', '--include-rejected'])).value, 0);
    const doc = JSON.parse(readFileSync('y.jsonld', 'utf8')) as { total: number; first: { items: { target: { source: string } }[] } };
    assert.equal(doc.total, 5);
    assert.equal(doc.first.items[0].target.source, 'https://news.example.org/news/a.txt');
    const imported = captured(() => runImport(['y.jsonld', '--base', 'https://news.example.org/']));
    assert.equal(imported.value, 0, imported.err);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
