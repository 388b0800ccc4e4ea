import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticles } from '../../src/core';
import { loadRecogniser } from '../../src/node/recogniser';
import { makeSidecar, mergeAnnotations, parseSidecar, serializeSidecar, suggestionsFor, type Annotation } from '../../src/core/sidecar';

const TEXT = 'Headline\n“We are ready,” said Joe Biden in Geneva on Thursday.\n';

function fresh() {
  const r = analyzeArticles([{ path: 'a.txt', text: TEXT }], { recogniser: loadRecogniser() });
  return suggestionsFor(TEXT, r.documents[0], '2026-01-01T00:00:00.000Z');
}

test('serialisation is deterministic: sorted, fixed key order, two-space indent, trailing newline', () => {
  const anns = fresh();
  const a = serializeSidecar(makeSidecar('a.txt', TEXT, anns, 'r', '1'));
  const b = serializeSidecar(makeSidecar('a.txt', TEXT, [...anns].reverse(), 'r', '1'));
  assert.equal(a, b);
  assert.ok(a.endsWith('}\n'));
  assert.ok(a.includes('\n  "version": 1,'));
  const parsed = parseSidecar(a);
  assert.ok(parsed.ok);
  const starts = parsed.sidecar.annotations.map((x) => x.target.start);
  assert.deepEqual(starts, [...starts].sort((x, y) => x - y));
});

test('suggestion ids are stable across recomputation', () => {
  assert.deepEqual(fresh().map((a) => a.id), fresh().map((a) => a.id));
});

test('user decisions survive recomputation; untouched suggestions are replaced', () => {
  const first = fresh();
  const quote = first.find((a) => a.kind === 'quote')!;
  const tagged: Annotation = { ...quote, tags: ['disputed'] };
  const rejected: Annotation = { ...first.find((a) => a.kind === 'entity')!, status: 'rejected' };
  const manual: Annotation = { ...quote, id: 'u-1', kind: 'note', origin: 'user', note: 'check this', target: { ...quote.target } };
  const previous = first.map((a) => (a.id === tagged.id ? tagged : a.id === rejected.id ? rejected : a)).concat(manual);
  const merged = mergeAnnotations(fresh(), previous);
  assert.deepEqual(merged.find((a) => a.id === tagged.id)?.tags, ['disputed']);
  assert.equal(merged.find((a) => a.id === rejected.id)?.status, 'rejected');
  assert.equal(merged.find((a) => a.id === 'u-1')?.note, 'check this');
  assert.equal(merged.filter((a) => a.id === tagged.id).length, 1);
});

test('bad sidecars are reported with the problem', () => {
  const cases: [string, RegExp][] = [
    ['{ not json', /not valid JSON/],
    ['[]', /top level/],
    ['{"version": 99, "document": {"path": "a", "length": 1, "hash": "x"}, "annotations": []}', /newer Marginalia/],
    ['{"version": 1, "document": {"path": "a", "length": 1, "hash": "x"}, "annotations": [{"id": "x", "kind": "blob"}]}', /unknown kind/],
    ['{"version": 1, "annotations": []}', /document/],
  ];
  for (const [text, problem] of cases) {
    const r = parseSidecar(text);
    assert.equal(r.ok, false, text);
    if (!r.ok) assert.match(r.problem, problem);
  }
});
