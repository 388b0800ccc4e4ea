import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { analyzeArticles } from '../../src/core';
import { makeSidecar, parseSidecar, serializeSidecar, suggestionsFor } from '../../src/core/sidecar';
import { loadRecogniser } from '../../src/node/recogniser';

const root = resolve(__dirname, '../../..');
const schema = JSON.parse(readFileSync(join(root, 'schemas/sidecar.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

const text = readFileSync(join(root, 'seeds/001_62bc780cabcabc76.txt'), 'utf8');
const result = analyzeArticles([{ path: 'seeds/001.txt', text }], { recogniser: loadRecogniser() }).documents[0];
const good = JSON.parse(serializeSidecar(makeSidecar('seeds/001.txt', text, suggestionsFor(text, result, '2026-01-01T00:00:00Z'), 'r', '0.1.0')));

/** Variants of a good sidecar, each breaking one rule (or none). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parsed JSON of a sidecar, broken on purpose
const variants: [string, (d: any) => void][] = [
  ['as written', () => undefined],
  ['orphaned and merged annotations', (d) => Object.assign(d.annotations[0], { orphaned: true, mergedInto: 'Joe Biden', note: 'n', status: 'accepted', origin: 'user' })],
  ['no version', (d) => delete d.version],
  ['newer version', (d) => (d.version = 2)],
  ['version is text', (d) => (d.version = '1')],
  ['no document hash', (d) => delete d.document.hash],
  ['annotations not a list', (d) => (d.annotations = {})],
  ['unknown kind', (d) => (d.annotations[0].kind = 'blob')],
  ['unknown status', (d) => (d.annotations[0].status = 'orphaned')],
  ['unknown origin', (d) => (d.annotations[0].origin = 'robot')],
  ['tags not strings', (d) => (d.annotations[0].tags = [1])],
  ['no id', (d) => delete d.annotations[0].id],
  ['negative start', (d) => (d.annotations[0].target.start = -1)],
  ['no quote selector', (d) => delete d.annotations[0].target.exact],
  ['fractional offset', (d) => (d.annotations[0].target.end = 3.5)],
];

test('the JSON Schema in schemas/ and the validator used on load agree', () => {
  for (const [name, mutate] of variants) {
    const d = structuredClone(good);
    mutate(d);
    const bySchema = validate(d) as boolean;
    const byLoader = parseSidecar(JSON.stringify(d)).ok;
    assert.equal(byLoader, bySchema, `${name}: schema says ${bySchema}, loader says ${byLoader} ${JSON.stringify(validate.errors)}`);
  }
  assert.equal(validate(good), true);
});
