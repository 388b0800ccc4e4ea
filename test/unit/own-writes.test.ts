import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { OwnWrites, REMEMBERED_WRITES } from '../../src/core/sidecar';

test('a sidecar seen on disk is our latest write, an older one of ours, or someone else\'s', () => {
  const w = new OwnWrites();
  assert.equal(w.classify('a', 'x'), 'foreign', 'nothing written yet');
  w.remember('a', 'one');
  w.remember('a', 'two');
  assert.equal(w.classify('a', 'two'), 'latest');
  assert.equal(w.classify('a', 'one'), 'older', 'a late report of the previous save is not another window\'s change');
  assert.equal(w.classify('a', 'three'), 'foreign');
  assert.equal(w.classify('b', 'two'), 'foreign', 'files are kept apart');
  w.remember('a', 'one');
  assert.equal(w.classify('a', 'one'), 'latest', 'writing old content again makes it the latest');
  assert.equal(w.classify('a', 'two'), 'older');
});

test('only the last few writes per file are remembered', () => {
  const w = new OwnWrites();
  for (let i = 0; i <= REMEMBERED_WRITES; i++) w.remember('a', `v${i}`);
  assert.equal(w.classify('a', 'v0'), 'foreign', 'the oldest is forgotten');
  assert.equal(w.classify('a', 'v1'), 'older');
  assert.equal(w.classify('a', `v${REMEMBERED_WRITES}`), 'latest');
});
