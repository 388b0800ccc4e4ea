import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapConcurrent } from '../../src/vscode/store/concurrent';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('mapConcurrent keeps the items\' order whatever order the calls finish in, and never runs more than the limit at once', async () => {
  const items = Array.from({ length: 40 }, (_, i) => i);
  let pending = 0;
  let most = 0;
  const out = await mapConcurrent(items, 5, async (i) => {
    pending++;
    most = Math.max(most, pending);
    await sleep((i * 7) % 5); // later items often finish first
    pending--;
    return i * 2;
  });
  assert.deepEqual(out, items.map((i) => i * 2));
  assert.equal(most, 5);
});

test('mapConcurrent starts no new call once stop() says so', async () => {
  let calls = 0;
  await mapConcurrent(Array.from({ length: 20 }, (_, i) => i), 2, async () => {
    calls++;
    await sleep(1);
  }, () => calls >= 4);
  assert.equal(calls, 4);
});

test('mapConcurrent of nothing is nothing', async () => {
  assert.deepEqual(await mapConcurrent([], 4, async () => 1), []);
});
