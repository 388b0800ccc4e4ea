// The extension host's pool of the short strings the analysis worker sends (src/vscode/analysis/intern.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzeArticles, compromiseRecogniser } from '../../src/core';
import { suggestionsFor } from '../../src/core/sidecar';
import { StringPool } from '../../src/vscode/analysis/intern';

const TEXT = 'Talks in Geneva\n\n“We are ready,” said Joe Biden in Geneva on Thursday. The Kremlin said nothing, and Vladimir Putin left.\n';

function outcome() {
  const result = analyzeArticles([{ path: 'a.txt', text: TEXT }], { recogniser: compromiseRecogniser }).documents[0];
  return { path: 'a.txt', version: 1, result, suggestions: suggestionsFor(TEXT, result, '2026-12-04T00:00:00.000Z') };
}

test('an outcome comes out of the pool equal to what went in', () => {
  const o = outcome();
  assert.ok(o.suggestions.length > 3 && o.result.entities.length > 3);
  assert.deepEqual(new StringPool().intern(structuredClone(o)), o);
});

test('the pool keeps one copy of the strings repeated across outcomes: what the host holds shrinks', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const o = outcome();
  const held = (pool: StringPool | undefined) => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = Array.from({ length: 3000 }, () => (pool ? pool.intern(structuredClone(o)) : structuredClone(o)));
    gc();
    const size = process.memoryUsage().heapUsed - before;
    assert.equal(kept.length, 3000);
    return size;
  };
  const plain = held(undefined);
  const pooled = held(new StringPool());
  // Each suggestion repeats kind, origin, status, type, entity id, the name and two timestamps.
  assert.ok(pooled < plain * 0.8, `held with the pool ${(pooled / 1e6).toFixed(1)} MB, without ${(plain / 1e6).toFixed(1)} MB`);
});
