import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCommand } from '../../src/cli/analyze';
import { checkCommand } from '../../src/cli/check';
import { parseSidecar } from '../../src/core/sidecar';

/** Runs a CLI command in-process, capturing what it prints. */
function run(fn: () => number): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const w1 = process.stdout.write.bind(process.stdout);
  const w2 = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    return { code: fn(), out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = w1;
    process.stderr.write = w2;
  }
}

const ARTICLE = 'Talks\nPresident Joe Biden spoke with Vladimir Putin in Geneva, officials said.\n';

test('bad sidecars are never overwritten, and say what is wrong', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-bad-'));
  const cases: Record<string, string> = {
    'json.txt': '{ "version": 1, "annotations": [',
    'schema.txt': '{"version": 1, "document": {"path": "x", "length": 1, "hash": "h"}, "annotations": [{"id": "a", "kind": "entity", "origin": "suggested", "status": "maybe", "tags": [], "target": {"start": 0, "end": 1, "exact": "T", "prefix": "", "suffix": ""}}]}\n',
    'newer.txt': '{"version": 2, "document": {"path": "x", "length": 1, "hash": "h"}, "annotations": []}\n',
  };
  for (const [name, sidecar] of Object.entries(cases)) {
    writeFileSync(join(dir, name), ARTICLE);
    writeFileSync(join(dir, `${name}.annotations.json`), sidecar);
  }
  writeFileSync(join(dir, 'good.txt'), ARTICLE);
  const r = run(() => analyzeCommand([dir], new Set(['--write'])));
  for (const [name, sidecar] of Object.entries(cases)) {
    assert.equal(readFileSync(join(dir, `${name}.annotations.json`), 'utf8'), sidecar, `${name}'s sidecar was changed`);
  }
  assert.match(r.err, /json\.txt\.annotations\.json: not valid JSON/);
  assert.match(r.err, /schema\.txt\.annotations\.json: .*unknown status "maybe"/);
  assert.match(r.err, /newer\.txt\.annotations\.json: .*newer Marginalia/);
  // The other article is written as usual.
  const good = parseSidecar(readFileSync(join(dir, 'good.txt.annotations.json'), 'utf8'));
  assert.ok(good.ok && good.sidecar.annotations.some((a) => a.target.exact === 'Joe Biden'));
});

test('odd articles: empty, binary, not UTF-8, CRLF, BOM, emoji, very large', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-odd-'));
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10, 0x00]));
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 \xe0 Gen\xe8ve, '.repeat(200), 'latin1'));
  const crlf = 'Title\r\n\r\n🇺🇦 President Joe Biden met “Vladimir Putin” in Geneva.\r\n';
  writeFileSync(join(dir, 'crlf.txt'), crlf);
  writeFileSync(join(dir, 'bom.md'), '\ufeff# Title\n\nAngela Merkel spoke in Berlin.\n');
  writeFileSync(join(dir, 'huge.txt'), 'Joe Biden spoke. '.repeat(3_000_000)); // 51 MB
  const started = Date.now();
  const r = run(() => analyzeCommand([dir], new Set(['--json'])));
  assert.ok(Date.now() - started < 60_000, 'no hang');
  const out = JSON.parse(r.out);
  const doc = (name: string) => out.documents.find((d: { path: string }) => d.path.endsWith(name));
  assert.equal(doc('empty.txt').entities.length, 0);
  assert.match(doc('binary.txt').skipped, /binary/);
  assert.match(doc('latin1.txt').skipped, /not UTF-8/);
  assert.match(doc('huge.txt').skipped, /too large/);
  const c = doc('crlf.txt');
  for (const e of c.entities) assert.equal(crlf.slice(e.start, e.end), e.text);
  assert.ok(c.entities.some((e: { text: string }) => e.text === 'Joe Biden'));
  assert.equal(crlf.slice(c.quotes[0].start, c.quotes[0].end), 'Vladimir Putin');
  assert.ok(doc('bom.md').entities.some((e: { text: string }) => e.text === 'Angela Merkel'));
});

test('check re-anchors a sidecar after an outside edit: moved, anchored, orphaned; --write keeps orphans', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-check-'));
  const file = join(dir, 'a.txt');
  const text = 'Talks\nJoe Biden spoke with Vladimir Putin on Thursday.\nThe Kremlin said the call with Jen Psaki was useful.\n';
  writeFileSync(file, text);
  run(() => analyzeCommand([dir], new Set(['--write'])));
  // Outside the editor: a new first paragraph, and the Kremlin sentence rewritten.
  writeFileSync(file, 'Talks\nA new lead paragraph comes first.\nJoe Biden spoke with Vladimir Putin on Thursday.\nMoscow said nothing.\n');
  const r = run(() => checkCommand([dir], new Set(['--json'])));
  const report = JSON.parse(r.out).files[0];
  assert.ok(report.moved >= 3, JSON.stringify(report));
  assert.ok(report.orphaned >= 1);
  const after = readFileSync(file, 'utf8');
  for (const a of report.annotations) if (a.status !== 'orphaned') assert.ok(a.end > a.start && after.slice(a.start, a.end).length > 0);
  run(() => checkCommand([dir], new Set(['--write'])));
  const saved = parseSidecar(readFileSync(`${file}.annotations.json`, 'utf8'));
  assert.ok(saved.ok);
  const kremlin = saved.sidecar.annotations.find((a) => a.target.exact === 'Kremlin');
  assert.equal(kremlin?.orphaned, true, 'the orphan stays in the sidecar');
  const biden = saved.sidecar.annotations.find((a) => a.target.exact === 'Joe Biden')!;
  assert.equal(after.slice(biden.target.start, biden.target.end), 'Joe Biden');
});
