import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticles } from '../../src/core';
import { loadRecogniser } from '../../src/node/recogniser';
import { makeSidecar, mergeAnnotations, parseSidecar, readSidecarText, serializeSidecar, suggestionsFor, type Annotation } from '../../src/core/sidecar';

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

test('the sidecar stores what the text repeated, and reading it back after an outside edit uses it', () => {
  // One paragraph twice (as scraped news often has it); the second copy edited outside the editor.
  const para = 'Russia has massed troops on the border, raising fears of an invasion like that of Crimea in 2014.';
  const text = ['Biden warned Putin on Thursday.', para, 'A senior official said the talks would go on in January, in Geneva.', para, 'Putin has doubts about NATO.', ''].join('\n');
  const at = text.indexOf('massed troops');
  const ann = (id: string, start: number, end: number): Annotation => {
    const t = { start, end, exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) };
    return { id, kind: 'note', origin: 'user', status: 'accepted', tags: ['t'], created: 'x', modified: 'x', target: t };
  };
  const second = text.lastIndexOf('Crimea');
  const raw = serializeSidecar(makeSidecar('a.txt', text, [ann('u-1', at, at + 13), ann('u-2', second, second + 6), ann('u-3', text.indexOf('NATO'), text.indexOf('NATO') + 4)], 'r', '1'));
  const parsed = parseSidecar(raw);
  assert.ok(parsed.ok);
  assert.match(parsed.sidecar.document.repeats ?? '', /^[0-9a-z]+:[0-9a-z]+( [0-9a-z]+:[0-9a-z]+)*$/);
  const edited = text.slice(0, text.lastIndexOf('raising fears')) + 'raising new fears' + text.slice(text.lastIndexOf('raising fears') + 'raising fears'.length);
  const read = readSidecarText(raw, edited);
  assert.equal(read.unreadable, undefined);
  const troops = read.annotations.find((a) => a.id === 'u-1')!;
  assert.ok(!troops.orphaned, 'the repeat the article always had is not taken for a pasted copy');
  assert.equal(troops.target.start, edited.indexOf('massed troops'));
  // The same file without the field: the repeat cannot be told from a paste, the note is kept orphaned.
  const without = JSON.stringify({ ...JSON.parse(raw), document: { ...parsed.sidecar.document, repeats: undefined } });
  const read2 = readSidecarText(without, edited);
  assert.equal(read2.unreadable, undefined);
  assert.equal(read2.annotations.find((a) => a.id === 'u-1')!.orphaned, true);
});
