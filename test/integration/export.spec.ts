import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { openArticle } from './helpers';
import type { ExportResult, ImportResultSummary } from '../../src/vscode/export';

const SEED = '001_62bc780cabcabc76.txt';

/** Export and import through the commands (arguments given, so no picker or dialog), into files outside the workspace. */
suite('export and import', () => {
  let dir: string;
  suiteSetup(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-export-'));
  });
  suiteTeardown(() => rmSync(dir, { recursive: true, force: true }));

  const exportTo = (format: string, scope: string, name: string) =>
    vscode.commands.executeCommand<ExportResult | undefined>('marginalia.exportAnnotations', { format, scope, target: vscode.Uri.file(join(dir, name)) });

  test('Export Annotation Set writes each format for the whole folder, and each file parses', async () => {
    await openArticle(SEED);
    const w3c = await exportTo('w3c', 'folder', 'all.jsonld');
    assert.ok(w3c, 'no W3C export');
    assert.equal(w3c.articles, 5);
    const doc = JSON.parse(readFileSync(join(dir, 'all.jsonld'), 'utf8'));
    assert.equal(doc.type, 'AnnotationCollection');
    assert.equal(doc.total, w3c.annotations);
    assert.ok(doc.total > 100, `only ${doc.total} annotations in the W3C export`);
    const first = doc.first.items[0];
    assert.equal(first.type, 'Annotation');
    assert.ok(first.target.selector.some((s: { type: string }) => s.type === 'TextQuoteSelector'));

    const jsonl = await exportTo('jsonl', 'folder', 'all.jsonl');
    const lines = readFileSync(join(dir, 'all.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    assert.equal(lines.length, 5);
    assert.ok(lines.every((l) => typeof l.text === 'string' && Array.isArray(l.label)));
    assert.equal(lines.reduce((n, l) => n + l.label.length, 0), jsonl?.annotations);

    const csv = await exportTo('csv', 'folder', 'all.csv');
    const text = readFileSync(join(dir, 'all.csv'), 'utf8').replace(/^\uFEFF/, '');
    assert.match(text, /^article,kind,text,speaker,tags,note,fact,discrepancy,verdict\r?\n/);
    assert.ok((csv?.annotations ?? 0) > 10);

    const brat = await exportTo('brat', 'folder', 'brat');
    const files = readdirSync(join(dir, 'brat'), { recursive: true }).map(String);
    assert.ok(files.includes('annotation.conf'), `no annotation.conf in ${files.join(', ')}`);
    // brat names each document after the article without its extension: <stem>.txt (the text copy) and <stem>.ann.
    const stem = SEED.replace(/\.txt$/, '');
    assert.ok(files.includes(`${stem}.ann`) && files.includes(`${stem}.txt`), files.join(', '));
    assert.ok((brat?.annotations ?? 0) > 50);
  });

  test('export of the current article only', async () => {
    await openArticle(SEED);
    const r = await exportTo('jsonl', 'article', 'one.jsonl');
    assert.equal(r?.articles, 1);
    const lines = readFileSync(join(dir, 'one.jsonl'), 'utf8').split('\n').filter(Boolean);
    assert.equal(lines.length, 1);
    assert.match(JSON.parse(lines[0]).marginalia.path, new RegExp(`${SEED.replace('.', '\\.')}$`));
  });

  for (const format of ['w3c', 'jsonl'] as const) {
    test(`import round trip (${format}): a tag taken away is given back by importing the export`, async () => {
      const { api, uri } = await openArticle(SEED);
      const quoteOf = () => api.store.get(uri)!.annotations.find((a) => a.kind === 'quote' && a.target.exact.startsWith('two paths'))!;
      assert.ok(quoteOf(), 'the "two paths" quote is not among the annotations');
      const tag = async (tags: string[]) => vscode.commands.executeCommand('marginalia.tagQuote', { kind: 'quote', state: api.store.get(uri)!, annotation: quoteOf() }, tags);
      await tag(['verified', format]);
      const name = `round.${format === 'w3c' ? 'jsonld' : 'jsonl'}`;
      const r = await exportTo(format, 'article', name);
      assert.ok(r && r.annotations > 0);
      await tag([]);
      assert.deepEqual(quoteOf().tags, []);

      const imported = await vscode.commands.executeCommand<ImportResultSummary | undefined>('marginalia.importAnnotations', vscode.Uri.file(join(dir, name)));
      assert.ok(imported, 'nothing imported');
      assert.equal(imported.articles, 1);
      assert.equal(imported.problems.length, 0, JSON.stringify(imported.problems));
      assert.ok(imported.updated >= 1, `nothing updated: ${JSON.stringify(imported)}`);
      assert.deepEqual(quoteOf().tags, [format, 'verified'].sort());
      // Nothing doubled: one quote at that place.
      const same = api.store.get(uri)!.annotations.filter((a) => a.kind === 'quote' && a.target.start === quoteOf().target.start);
      assert.equal(same.length, 1);
      // Importing the same file again changes nothing.
      const again = await vscode.commands.executeCommand<ImportResultSummary | undefined>('marginalia.importAnnotations', vscode.Uri.file(join(dir, name)));
      assert.equal((again?.added ?? 0) + (again?.updated ?? 0), 0, JSON.stringify(again));
      await tag([]);
    });
  }

  test('importing a file that names no article of the folder imports nothing and says so', async () => {
    const { api } = await openArticle(SEED);
    const before = JSON.stringify(api.store.all.map((s) => s.annotations.length));
    const file = vscode.Uri.file(join(dir, 'other.jsonl'));
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify({ text: 'Someone else said so.', label: [[0, 12, 'PERSON']], marginalia: { path: 'elsewhere/x.txt' } }) + '\n'));
    const r = await vscode.commands.executeCommand<ImportResultSummary | undefined>('marginalia.importAnnotations', file);
    assert.equal(r?.articles, 0);
    assert.equal(JSON.stringify(api.store.all.map((s) => s.annotations.length)), before);
  });
});
