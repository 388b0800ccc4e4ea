// The analysis worker's behaviour in a real extension host, shared by the desktop suite (worker.spec.ts, a
// worker_threads Worker) and the web suite (test/web/worker.spec.ts, a Web Worker). Each check drives the
// extension through its API and the editor, with a folder of real articles written into the workspace.
import * as vscode from 'vscode';
import { analyzeArticles, nerRecogniserFromBytes } from '../../src/core';
import type { MarginaliaApi } from '../../src/extension';
import { EXTENSION_ID, openArticle, waitFor, workspaceFile } from './helpers';

export interface Assert {
  ok(value: unknown, message?: string): void;
  equal(actual: unknown, expected: unknown, message?: string): void;
  deepEqual(actual: unknown, expected: unknown, message?: string): void;
}

const BULK = 'bulk-worker';
/** Articles in the bulk folder: a few seconds of the worker's time. */
const BULK_COUNT = 150;
const SEED = '002_3205402f702b0a96.txt';
const SEEDS = ['000_e616688cf73b116b.txt', '001_62bc780cabcabc76.txt', '002_3205402f702b0a96.txt', '003_ae77686d60527716.txt', '004_e4c51dd9d3425ba7.txt'];
const decoder = new TextDecoder();
const inBulk = (api: MarginaliaApi) => api.store.all.filter((s) => s.uri.path.includes(`/${BULK}/`)).length;

/**
 * `count` articles made of the seeds' paragraphs (each file its own rotation of one seed, so the texts
 * differ), in a folder of the workspace: enough work for the worker to be busy for seconds.
 */
async function writeBulk(count: number): Promise<void> {
  const texts = await Promise.all(SEEDS.map(async (s) => decoder.decode(await vscode.workspace.fs.readFile(workspaceFile(s)))));
  const encoder = new TextEncoder();
  await Promise.all(Array.from({ length: count }, (_, i) => {
    const paragraphs = texts[i % texts.length].split(/\n\s*\n/);
    const k = Math.floor(i / texts.length) % paragraphs.length;
    const text = [...paragraphs.slice(k), ...paragraphs.slice(0, k)].join('\n\n');
    return vscode.workspace.fs.writeFile(workspaceFile(`${BULK}/${String(i).padStart(4, '0')}.txt`), encoder.encode(text));
  }));
}

async function removeBulk(api: MarginaliaApi): Promise<void> {
  await vscode.workspace.fs.delete(workspaceFile(BULK), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  await api.store.refresh();
  await waitFor(() => inBulk(api) === 0, 30_000, 'the bulk articles to leave the store');
}

/** The next folder analysis the store settles, and when. */
function nextSettle(api: MarginaliaApi): Promise<{ outcome: string; at: number }> {
  return new Promise((resolve) => {
    const sub = api.store.analysis.onDidSettle((o) => {
      sub.dispose();
      resolve({ outcome: o === 'cancelled' ? 'cancelled' : 'done', at: Date.now() });
    });
  });
}

/** Cancelling mid-folder stops the worker's pass at once; the articles it had not finished are not half-applied. */
export async function cancelMidFolder(assert: Assert): Promise<void> {
  const { api } = await openArticle(SEED);
  await api.store.idle();
  await writeBulk(BULK_COUNT);
  try {
    const cts = new vscode.CancellationTokenSource();
    const settled = nextSettle(api);
    const run = api.store.refresh(cts.token);
    await waitFor(() => api.store.analysis.busy, 30_000, 'the worker to start the folder');
    await new Promise((r) => setTimeout(r, 300));
    const cancelledAt = Date.now();
    cts.cancel();
    const first = await settled;
    assert.equal(first.outcome, 'cancelled', 'the folder pass under way ends cancelled');
    assert.ok(first.at - cancelledAt < 3000, `the worker took ${first.at - cancelledAt} ms to stop`);
    assert.equal(inBulk(api), 0, 'no article of the cancelled pass is in the store');
    await run;
    // Asked again, the folder is analysed to the end.
    await api.store.refresh();
    assert.equal(inBulk(api), BULK_COUNT, 'every article of the folder once a pass runs to the end');
  } finally {
    await removeBulk(api);
  }
}

/** Typing while the worker analyses a large folder: the typed article's result comes back before the folder's pass ends. */
export async function typeWhileBusy(assert: Assert): Promise<void> {
  const { api, editor, uri } = await openArticle(SEED);
  await api.store.idle();
  await writeBulk(BULK_COUNT);
  try {
    let folderDone = false;
    const run = api.store.refresh().then(() => (folderDone = true));
    await waitFor(() => api.store.analysis.busy, 30_000, 'the worker to start the folder');
    const at = editor.document.getText().indexOf('On Thursday, US President');
    assert.ok(at > 0, 'seed text changed: no "On Thursday, US President"');
    await editor.edit((b) => b.insert(editor.document.positionAt(at), 'Angela Merkel spoke first. '));
    assert.equal(api.store.get(uri)!.text, editor.document.getText(), 'the store follows the typed text at once');
    const found = await waitFor(() => api.store.get(uri)!.result.entities.find((e) => e.text === 'Angela Merkel'), 20_000, 'the typed name in the article\'s result');
    assert.equal(found.type, 'PERSON');
    assert.ok(!folderDone, 'the typed article came back while the folder was still being analysed');
    const now = editor.document.getText();
    for (const e of api.store.get(uri)!.result.entities) assert.equal(now.slice(e.start, e.end), e.text);
    await run;
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  } finally {
    await removeBulk(api);
  }
}

/**
 * The worker crashing: a message, a new worker with every text, and every annotation still there. On an article
 * of its own (a copy of a seed), so that what other tests did to the seeds' sidecars plays no part.
 */
export async function crashIsRestarted(assert: Assert): Promise<void> {
  const name = 'crash-worker.txt';
  await vscode.workspace.fs.writeFile(workspaceFile(name), await vscode.workspace.fs.readFile(workspaceFile(SEED)));
  const { api, editor, uri } = await openArticle(name);
  try {
    // The folder with the copy in it (a new article changes the folder's claims and facts): the state compared below.
    await api.store.refresh();
    const state = api.store.get(uri)!;
    const quote = state.annotations.find((a) => a.kind === 'quote' && !a.orphaned);
    assert.ok(quote, `a quote in the article (${state.annotations.length} annotations)`);
    await vscode.commands.executeCommand('marginalia.tagQuote', { kind: 'quote', state, annotation: quote }, ['crash-test']);
    const before = api.store.all.map((s) => ({ uri: s.uri.toString(), ids: s.annotations.map((a) => a.id).sort() }));
    const crashes = api.store.analysis.crashes;
    api.store.analysis.crashForTest();
    await waitFor(() => api.store.analysis.crashes > crashes, 20_000, 'the host to see the worker crash');
    // The new worker answers: a typed name is found, and the whole folder is analysed again.
    const at = editor.document.getText().indexOf('On Thursday, US President');
    await editor.edit((b) => b.insert(editor.document.positionAt(at), 'Angela Merkel spoke first. '));
    await waitFor(() => api.store.get(uri)!.result.entities.some((e) => e.text === 'Angela Merkel'), 20_000, 'a result from the restarted worker');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => !api.store.get(uri)!.result.entities.some((e) => e.text === 'Angela Merkel'), 20_000, 'the undone text analysed');
    await api.store.refresh();
    const after = api.store.all.map((s) => ({ uri: s.uri.toString(), ids: s.annotations.map((a) => a.id).sort() }));
    assert.deepEqual(after, before, 'every article keeps every annotation');
    const kept = api.store.get(uri)!.annotations.filter((a) => a.kind === 'quote').map((a) => `${a.id} ${a.origin}/${a.status} tags=${a.tags.join('+')}${a.orphaned ? ' orphaned' : ''} ${a.modified}`);
    assert.deepEqual(api.store.get(uri)!.annotations.find((a) => a.id === quote!.id)?.tags, ['crash-test'], `tagged ${quote!.id}; quotes now:\n${kept.join('\n')}`);
  } finally {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    for (const f of [name, `${name}.annotations.json`]) await vscode.workspace.fs.delete(workspaceFile(f)).then(undefined, () => undefined);
    await api.store.refresh();
  }
}

/** The worker's results are the in-thread analysis's, article by article, and the folder's entities and facts. */
export async function sameAsInThread(assert: Assert): Promise<void> {
  const { api } = await openArticle(SEED);
  await api.store.refresh();
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  const recogniser = nerRecogniserFromBytes(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'models', 'ner-conll.bin')));
  assert.equal(api.store.recogniserId, recogniser.id, 'the worker uses the shipped tagger');
  // In the order the worker holds them: cluster ids follow the order articles are met.
  const byPath = new Map(api.store.all.map((s) => [vscode.workspace.asRelativePath(s.uri), s]));
  const inputs = api.store.analysis.paths.map((path) => ({ path, text: byPath.get(path)!.text }));
  assert.ok(inputs.length >= SEEDS.length, `only ${inputs.length} articles in the store`);
  const expected = analyzeArticles(inputs, { recogniser, corrections: api.store.corrections() });
  for (const d of expected.documents) assert.deepEqual(byPath.get(d.path)!.result, d, `${d.path}: the worker's result`);
  assert.deepEqual(api.store.entities, expected.entities, 'the folder\'s entities');
  assert.deepEqual(api.store.facts, expected.facts, 'the folder\'s facts');
}
