// Annotating as a team, for real: two annotators' branches in a git repository merged through the registered merge
// driver (dist/cli.js merge-sidecar), and `agree` over two folders and two revisions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseSidecar, serializeSidecar, type Annotation, type Sidecar } from '../../src/core/sidecar';

const CLI = resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const TEXT = 'Joe Biden spoke with Vladimir Putin in Geneva.\n“We will not back down,” Putin said.\n';

function ann(id: string, exact: string, extra: Partial<Annotation> = {}): Annotation {
  const start = TEXT.indexOf(exact);
  return { id, kind: 'entity', origin: 'suggested', status: 'suggested', type: 'PERSON', tags: [], created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', target: { start, end: start + exact.length, exact, prefix: '', suffix: '' }, ...extra };
}
const sidecar = (annotations: Annotation[]): Sidecar => ({ version: 1, generator: { name: 'marginalia', version: '0.1.0', recogniser: 'test' }, document: { path: 'a.txt', length: TEXT.length, hash: 'h' }, annotations });
const BASE = [ann('e-biden', 'Joe Biden'), ann('e-putin', 'Vladimir Putin'), ann('e-geneva', 'Geneva', { type: 'PLACE' }), ann('q-1', 'We will not back down,', { kind: 'quote', type: undefined, speaker: 'Vladimir Putin' })];

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });
}

/** A repository with the article and its sidecar on main, the merge driver registered through the CLI. */
function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-team-'));
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'a.txt'), TEXT);
  writeFileSync(join(dir, 'a.txt.annotations.json'), serializeSidecar(sidecar(BASE)));
  const install = spawnSync(process.execPath, [CLI, 'merge-sidecar', '--install', dir], { encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);
  assert.match(readFileSync(join(dir, '.gitattributes'), 'utf8'), /^\*\.annotations\.json merge=marginalia$/m);
  assert.match(git(dir, 'config', 'merge.marginalia.driver'), /merge-sidecar %O %A %B %P/);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  return dir;
}

function commitOnBranch(dir: string, branch: string, change: (a: Annotation) => Annotation): void {
  git(dir, 'checkout', '-q', '-b', branch, 'main');
  const file = join(dir, 'a.txt.annotations.json');
  const s = parseSidecar(readFileSync(file, 'utf8'));
  assert.ok(s.ok);
  writeFileSync(file, serializeSidecar({ ...s.sidecar, annotations: s.sidecar.annotations.map(change) }));
  git(dir, 'commit', '-qam', branch);
}

const later = '2026-03-01T00:00:00.000Z';

test('git merge of two branches with disjoint decisions: clean, and every decision of both kept', () => {
  const dir = repo();
  commitOnBranch(dir, 'alice', (a) => (a.id === 'e-geneva' ? { ...a, status: 'rejected', modified: later } : a.id === 'q-1' ? { ...a, tags: ['disputed'], modified: later } : a));
  commitOnBranch(dir, 'bob', (a) => (a.id === 'e-biden' ? { ...a, status: 'accepted', modified: later } : a.id === 'q-1' ? { ...a, tags: ['verified'], modified: later } : a));
  git(dir, 'checkout', '-q', 'alice');
  const merge = spawnSync('git', ['merge', '-q', '--no-edit', 'bob'], { cwd: dir, encoding: 'utf8' });
  assert.equal(merge.status, 0, merge.stdout + merge.stderr);
  const merged = parseSidecar(readFileSync(join(dir, 'a.txt.annotations.json'), 'utf8'));
  assert.ok(merged.ok);
  const by = new Map(merged.sidecar.annotations.map((a) => [a.id, a]));
  assert.equal(by.get('e-geneva')?.status, 'rejected');
  assert.equal(by.get('e-biden')?.status, 'accepted');
  assert.deepEqual(by.get('q-1')?.tags, ['disputed', 'verified']);
  assert.equal(merged.sidecar.conflicts, undefined);
});

test('git merge of conflicting retypes: the merge stops, and the file is valid JSON holding both sides', () => {
  const dir = repo();
  commitOnBranch(dir, 'alice', (a) => (a.id === 'e-putin' ? { ...a, type: 'ORG', modified: later } : a));
  commitOnBranch(dir, 'bob', (a) => (a.id === 'e-putin' ? { ...a, type: 'PLACE', modified: later } : a));
  git(dir, 'checkout', '-q', 'alice');
  const merge = spawnSync('git', ['merge', '-q', '--no-edit', 'bob'], { cwd: dir, encoding: 'utf8' });
  assert.notEqual(merge.status, 0, 'the merge must stop on the conflict');
  const text = readFileSync(join(dir, 'a.txt.annotations.json'), 'utf8');
  assert.ok(!/^(<<<<<<<|=======|>>>>>>>)/m.test(text), 'no conflict markers');
  const merged = parseSidecar(text);
  assert.ok(merged.ok);
  assert.deepEqual(merged.sidecar.conflicts?.map((c) => [c.id, c.field, c.ours, c.theirs]), [['e-putin', 'type', 'ORG', 'PLACE']]);
});

test('a side that is not a sidecar: exit 1, ours left as it was, the file named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-merge-'));
  const ours = join(dir, 'ours.json');
  writeFileSync(join(dir, 'base.json'), serializeSidecar(sidecar(BASE)));
  writeFileSync(ours, serializeSidecar(sidecar(BASE)));
  writeFileSync(join(dir, 'theirs.json'), '{ broken');
  const before = readFileSync(ours, 'utf8');
  const r = spawnSync(process.execPath, [CLI, 'merge-sidecar', join(dir, 'base.json'), ours, join(dir, 'theirs.json'), 'a.txt.annotations.json'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /their version .*theirs\.json.*not valid JSON/);
  assert.equal(readFileSync(ours, 'utf8'), before);
});

test('agree over two folders and over two revisions: the same figures, in JSON with documented keys', () => {
  const a = mkdtempSync(join(tmpdir(), 'marginalia-agree-a-'));
  const b = mkdtempSync(join(tmpdir(), 'marginalia-agree-b-'));
  writeFileSync(join(a, 'a.txt.annotations.json'), serializeSidecar(sidecar(BASE)));
  writeFileSync(join(b, 'a.txt.annotations.json'), serializeSidecar(sidecar(BASE.map((x) => (x.id === 'e-geneva' ? { ...x, status: 'rejected' as const } : x)))));
  const folders = spawnSync(process.execPath, [CLI, 'agree', a, b, '--json'], { encoding: 'utf8' });
  assert.equal(folders.status, 0, folders.stderr);
  const r = JSON.parse(folders.stdout);
  assert.equal(r.entities.PERSON.f1, 1);
  assert.equal(r.entities.PLACE.f1, 0); // one side rejected the only place
  assert.equal(r.quotes.speaker.agreement, 1);
  // The same two annotators as two revisions of one folder.
  const dir = repo();
  writeFileSync(join(dir, 'a.txt.annotations.json'), readFileSync(join(b, 'a.txt.annotations.json'), 'utf8'));
  git(dir, 'commit', '-qam', 'second annotator');
  const revs = spawnSync(process.execPath, [CLI, 'agree', '--rev', 'HEAD~1', 'HEAD', dir, '--json'], { encoding: 'utf8' });
  assert.equal(revs.status, 0, revs.stderr);
  assert.deepEqual(JSON.parse(revs.stdout).entities, r.entities);
  const text = spawnSync(process.execPath, [CLI, 'agree', a, b], { encoding: 'utf8' });
  assert.match(text.stdout, /PERSON\s+2\s+2\s+1\.000/);
});

test('analyze --write never writes over a sidecar a merge left with conflicts, and says why', () => {
  const dir = repo();
  commitOnBranch(dir, 'alice', (a) => (a.id === 'e-putin' ? { ...a, type: 'ORG', modified: later } : a));
  commitOnBranch(dir, 'bob', (a) => (a.id === 'e-putin' ? { ...a, type: 'PLACE', modified: later } : a));
  git(dir, 'checkout', '-q', 'alice');
  spawnSync('git', ['merge', '-q', '--no-edit', 'bob'], { cwd: dir, encoding: 'utf8' });
  const file = join(dir, 'a.txt.annotations.json');
  const conflicted = readFileSync(file, 'utf8');
  const r = spawnSync(process.execPath, [CLI, 'analyze', 'a.txt', '--write'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /1 merge conflict/);
  assert.equal(readFileSync(file, 'utf8'), conflicted);
});
