// Integrity checks for the hand-made gold annotations in test/fixtures/gold (see its README.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
}

const root = findRepoRoot(__dirname);
const goldDir = path.join(root, 'test', 'fixtures', 'gold');
const seedsDir = path.join(root, 'seeds');

const ENTITY_TYPES = new Set(['PERSON', 'ORG', 'PLACE', 'DATE', 'NUMBER']);
const QUOTE_KINDS = new Set(['speech', 'scare']);
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const QUOTE_MARKS = new Set(['"', '“', '”']);

interface GoldEntity { start: number; end: number; text: string; type: string; entityId: string | null }
interface GoldQuote { start: number; end: number; text: string; kind: string; speaker: string | null; speakerEntityId: string | null }
interface GoldFile { path: string; entities: GoldEntity[]; quotes: GoldQuote[]; notes?: string }
interface GoldFact { id: string; statement: string; claims: { path: string; text: string; value?: string }[]; discrepancy: string | null; notes?: string }

const read = (p: string) => fs.readFileSync(p, 'utf8');
const goldFiles = fs.readdirSync(goldDir).filter((f) => f.endsWith('.json') && f !== 'facts.json').sort();
const seeds = fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();

test('there is one gold file per seed', () => {
  assert.deepEqual(goldFiles.map((f) => f.replace(/\.json$/, '')), seeds.map((f) => f.replace(/\.txt$/, '')));
});

for (const file of goldFiles) {
  const gold = JSON.parse(read(path.join(goldDir, file))) as GoldFile;

  test(`${file}: path points at its seed`, () => {
    assert.equal(gold.path, `seeds/${file.replace(/\.json$/, '.txt')}`);
    assert.ok(Array.isArray(gold.entities) && gold.entities.length > 0);
    assert.ok(Array.isArray(gold.quotes));
  });

  const content = read(path.join(root, gold.path));

  test(`${file}: entity spans match the text, types and ids are valid`, () => {
    for (const e of gold.entities) {
      const where = `${file} entity ${JSON.stringify(e)}`;
      assert.ok(Number.isInteger(e.start) && Number.isInteger(e.end) && 0 <= e.start && e.start < e.end && e.end <= content.length, where);
      assert.equal(content.slice(e.start, e.end), e.text, where);
      assert.equal(e.text, e.text.trim(), `${where}: untrimmed`);
      assert.ok(ENTITY_TYPES.has(e.type), `${where}: bad type`);
      if (e.type === 'DATE' || e.type === 'NUMBER') {
        assert.ok(e.entityId === null || SLUG.test(e.entityId), `${where}: bad entityId`);
      } else {
        assert.ok(typeof e.entityId === 'string' && SLUG.test(e.entityId), `${where}: bad entityId`);
      }
    }
  });

  test(`${file}: entities are sorted and do not overlap`, () => {
    for (let i = 1; i < gold.entities.length; i++) {
      const a = gold.entities[i - 1], b = gold.entities[i];
      assert.ok(a.end <= b.start, `${file}: ${JSON.stringify(a)} overlaps or precedes ${JSON.stringify(b)}`);
    }
  });

  test(`${file}: quote spans match the text and sit inside quotation marks`, () => {
    for (const q of gold.quotes) {
      const where = `${file} quote ${JSON.stringify(q.text)}`;
      assert.ok(Number.isInteger(q.start) && Number.isInteger(q.end) && 0 <= q.start && q.start < q.end && q.end <= content.length, where);
      assert.equal(content.slice(q.start, q.end), q.text, where);
      assert.ok(QUOTE_KINDS.has(q.kind), `${where}: bad kind`);
      assert.ok(q.speaker === null || (typeof q.speaker === 'string' && q.speaker.length > 0), `${where}: bad speaker`);
      assert.ok(q.speakerEntityId === null || SLUG.test(q.speakerEntityId), `${where}: bad speakerEntityId`);
      if (q.speakerEntityId !== null) {
        assert.ok(q.speaker !== null, `${where}: speakerEntityId without speaker`);
        assert.ok(gold.entities.some((e) => e.type === 'PERSON' && e.entityId === q.speakerEntityId),
          `${where}: speaker ${q.speakerEntityId} is not a PERSON in this file`);
      }
      assert.ok(QUOTE_MARKS.has(content[q.start - 1]), `${where}: no opening mark before span`);
      assert.ok(QUOTE_MARKS.has(content[q.end]), `${where}: no closing mark after span`);
    }
    for (let i = 1; i < gold.quotes.length; i++) {
      assert.ok(gold.quotes[i - 1].end <= gold.quotes[i].start, `${file}: quotes overlap or are out of order`);
    }
  });
}

test('each PERSON/ORG/PLACE entityId has a single type across files', () => {
  const idTypes = new Map<string, Set<string>>();
  for (const file of goldFiles) {
    for (const e of (JSON.parse(read(path.join(goldDir, file))) as GoldFile).entities) {
      if (e.entityId === null || e.type === 'DATE' || e.type === 'NUMBER') continue;
      if (!idTypes.has(e.entityId)) idTypes.set(e.entityId, new Set());
      idTypes.get(e.entityId)!.add(e.type);
    }
  }
  for (const [id, types] of idTypes) assert.equal(types.size, 1, `${id}: ${[...types].join(', ')}`);
});

test('facts.json: every claim is a verbatim substring of its article', () => {
  const facts = JSON.parse(read(path.join(goldDir, 'facts.json'))) as GoldFact[];
  assert.ok(Array.isArray(facts) && facts.length > 0);
  const ids = new Set<string>();
  for (const f of facts) {
    assert.ok(SLUG.test(f.id), `bad fact id ${f.id}`);
    assert.ok(!ids.has(f.id), `duplicate fact id ${f.id}`);
    ids.add(f.id);
    assert.ok(typeof f.statement === 'string' && f.statement.length > 0, f.id);
    assert.ok(f.discrepancy === null || (typeof f.discrepancy === 'string' && f.discrepancy.length > 0), f.id);
    assert.ok(new Set(f.claims.map((c) => c.path)).size >= 2, `${f.id}: fewer than two articles`);
    for (const c of f.claims) {
      assert.ok(seeds.includes(path.basename(c.path)) && c.path.startsWith('seeds/'), `${f.id}: unknown path ${c.path}`);
      assert.ok(read(path.join(root, c.path)).includes(c.text), `${f.id}: claim not found in ${c.path}: ${c.text}`);
      if (c.value !== undefined) assert.ok(f.discrepancy !== null && c.value.length > 0 && c.text.includes(c.value), `${f.id}: a value is a figure or date written in the claim of a discrepancy: ${c.value}`);
    }
    // A discrepancy names the value of each claim, so the eval can check that it is found on those values.
    if (f.discrepancy !== null) assert.ok(f.claims.every((c) => c.value), `${f.id}: a discrepancy without the value of each claim`);
  }
});
