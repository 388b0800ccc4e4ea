// The extension activates in VS Code's web worker extension host, from its browser bundle.
import * as vscode from 'vscode';
import * as assert from './assert';
import { EXTENSION_ID, openArticle } from '../integration/helpers';

const SEED = '001_62bc780cabcabc76.txt';

suite('web worker extension host', () => {
  test('this suite runs in a web worker, not in Node', () => {
    const g = globalThis as Record<string, unknown>;
    assert.equal(typeof g.importScripts, 'function', 'importScripts: only a worker global scope has it');
    assert.equal(typeof g.document, 'undefined', 'a web worker has no DOM');
    assert.equal(typeof g.process, 'undefined', 'a web worker has no Node process');
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
  });

  test(`${EXTENSION_ID} activates from its browser bundle in this host when a seed article is opened`, async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not in this extension host; here: ${vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.')).join(', ')}`);
    const pkg = ext.packageJSON as { main?: string; browser?: string };
    assert.equal(pkg.main, undefined, 'the manifest under test must have no `main` (only the browser bundle can run)');
    assert.equal(pkg.browser, './dist/web/extension.js');
    // An extension reports Workspace when it runs in a remote (here: code-server's Node) host, UI in the local one,
    // which in a browser workbench is the web worker.
    assert.equal(ext.extensionKind, vscode.ExtensionKind.UI, 'the extension runs in the remote (Node) extension host');
    const { api, uri } = await openArticle(SEED); // activates it (a failed activation rejects here)
    assert.equal(ext.isActive, true);
    const state = api.store.get(uri);
    assert.ok(state && state.annotations.length > 20, `expected the seed to be analysed, got ${state?.annotations.length} annotations`);
    const articles = await vscode.workspace.findFiles('*.txt');
    assert.ok(articles.length >= 5, `expected the seed articles in the workspace, found ${articles.length}`);
    assert.equal(api.store.all.length, articles.length, 'every article of the folder is analysed');
  });

  test('the name tagger (models/ner-conll.bin) loads through workspace.fs: people, organisations and places are found', async () => {
    const { api, uri } = await openArticle(SEED);
    const types = new Set(api.store.get(uri)!.result.entities.map((e) => e.type));
    for (const t of ['PERSON', 'ORG', 'PLACE']) assert.ok(types.has(t as never), `no ${t} entity; types found: ${[...types].join(', ')}`);
  });
});
