import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nerRecogniserFromBytes } from '../../src/core';

const model = readFileSync(join(resolve(__dirname, '../../..'), 'models/ner-conll.bin'));

test('the tagger loads from a Node Buffer inside a larger pool (as VS Code’s file reads give) and finds names', () => {
  const pool = Buffer.alloc(model.length + 13);
  model.copy(pool, 13);
  const r = nerRecogniserFromBytes(pool.subarray(13));
  const text = 'President Joe Biden spoke with Vladimir Putin about NATO and Geneva.';
  const spans = r.recognise(text, [{ start: 0, end: text.length }]).map((s) => `${text.slice(s.start, s.end)}/${s.type}`);
  assert.ok(spans.includes('Joe Biden/PERSON'), spans.join(', '));
  assert.ok(spans.includes('Vladimir Putin/PERSON'), spans.join(', '));
  assert.ok(spans.includes('NATO/ORG'), spans.join(', '));
  assert.ok(spans.includes('Geneva/PLACE'), spans.join(', '));
});
