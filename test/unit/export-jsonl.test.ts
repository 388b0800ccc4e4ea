import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportJsonl, type ExportArticle } from '../../src/core/export';
import { ann, ASTRAL_ARTICLE, MIXED_SCRIPT_ARTICLE } from './fixtures';

const A_TEXT = ASTRAL_ARTICLE;
const B_TEXT = MIXED_SCRIPT_ARTICLE;

function fixture(): ExportArticle[] {
  return [
    {
      path: 'a.txt',
      text: A_TEXT,
      annotations: [
        ann(A_TEXT, 'n-1', '📰', { kind: 'note', origin: 'user', status: 'accepted', note: 'emoji' }),
        ann(A_TEXT, 'q-1', 'We are ready 🚀, really,', { kind: 'quote', speaker: 'Joe Biden', entityId: 'e-joe-biden', tags: ['disputed'] }),
        ann(A_TEXT, 'e-1', 'Joe Biden', { type: 'PERSON', entityId: 'e-joe-biden' }),
        ann(A_TEXT, 'e-2', 'Geneva', { type: 'PLACE' }),
        ann(A_TEXT, 'c-1', 'The 𝔘𝔑 sent 5,000 troops, officials said.', { kind: 'claim' }),
        ann(A_TEXT, 'n-2', 'Thursday.\r\nThe 𝔘𝔑', { kind: 'note', origin: 'user', status: 'accepted' }),
        ann(A_TEXT, 'e-rej', 'Headline', { type: 'ORG', status: 'rejected' }),
        ann(A_TEXT, 'e-orph', 'today', { type: 'DATE', orphaned: true }),
      ],
    },
    {
      path: 'b.md',
      text: B_TEXT,
      annotations: [
        ann(B_TEXT, 'n-flag', '🇺🇦', { kind: 'note', origin: 'user', status: 'accepted' }),
        ann(B_TEXT, 'n-fam', '👨‍👩‍👧', { kind: 'note', origin: 'user', status: 'accepted' }),
        ann(B_TEXT, 'q-2', 'Peace now,', { kind: 'quote', speaker: null }),
        ann(B_TEXT, 'e-3', 'Zoë Ångström', { type: 'PERSON' }),
        ann(B_TEXT, 'e-4', '李小龍', { type: 'PERSON' }),
        ann(B_TEXT, 'e-5', 'Genève', { type: 'PLACE' }),
      ],
    },
    { path: 'empty.txt', text: 'Nothing to see 🙈.', annotations: [] },
  ];
}

type Line = { text: string; label: [number, number, string][]; marginalia?: { path: string; offsets: string; annotations: Record<string, unknown>[] } };

function lines(out: string): Line[] {
  assert.ok(out.endsWith('\n'));
  return out.slice(0, -1).split('\n').map((l) => JSON.parse(l) as Line);
}

/** Python's `text[start:end]`: code-point indexing, as spaCy's Doc.char_span and doccano's backend use. */
function pySlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

test('JSONL: one line per article, the text verbatim (CRLF kept), labels = entity types, QUOTE, CLAIM, NOTE', () => {
  const out = lines(exportJsonl(fixture()));
  assert.equal(out.length, 3);
  assert.equal(out[0].text, A_TEXT);
  assert.equal(out[1].text, B_TEXT);
  assert.deepEqual(out[2].label, []);
  assert.deepEqual(new Set(out[0].label.map((l) => l[2])), new Set(['NOTE', 'QUOTE', 'PERSON', 'PLACE', 'CLAIM']));
  // Neither the rejected ORG nor the orphaned DATE.
  assert.ok(!out.flatMap((l) => l.label).some((l) => l[2] === 'ORG' || l[2] === 'DATE'));
  // Labels are in text order.
  for (const l of out) assert.deepEqual(l.label, [...l.label].sort((x, y) => x[0] - y[0] || x[1] - y[1]));
});

test('JSONL: default offsets are code points, so Python slicing (spaCy char_span) gives each span', () => {
  const articles = fixture();
  const out = lines(exportJsonl(articles));
  out.forEach((line, i) => {
    const expected = articles[i].annotations.filter((a) => a.status !== 'rejected' && !a.orphaned).map((a) => a.target.exact).sort();
    assert.deepEqual(line.label.map(([s, e]) => pySlice(line.text, s, e)).sort(), expected);
    assert.equal(line.marginalia?.offsets, 'codepoint');
  });
  // After two astral characters the code-point offset is two less than the UTF-16 one.
  const joe = out[0].label.find((l) => l[2] === 'PERSON')!;
  assert.equal(joe[0], A_TEXT.indexOf('Joe Biden') - 2);
  // CRLF counts as two characters (the text travels in the line as it is).
  const crlf = out[0].label.find(([s, e]) => pySlice(A_TEXT, s, e).includes('\r\n'))!;
  assert.equal(crlf[1] - crlf[0], Array.from('Thursday.\r\nThe 𝔘𝔑').length);
});

test("JSONL: offsets 'utf16' index the text as JavaScript (doccano's annotation screen) does", () => {
  const articles = fixture();
  const out = lines(exportJsonl(articles, { offsets: 'utf16' }));
  out.forEach((line, i) => {
    const expected = articles[i].annotations.filter((a) => a.status !== 'rejected' && !a.orphaned).map((a) => a.target.exact).sort();
    assert.deepEqual(line.label.map(([s, e]) => line.text.slice(s, e)).sort(), expected);
    assert.equal(line.marginalia?.offsets, 'utf16');
  });
  const fam = out[1].label.find(([s, e]) => B_TEXT.slice(s, e) === '👨‍👩‍👧')!;
  assert.equal(fam[1] - fam[0], 8);
});

test('JSONL: the marginalia metadata carries every sidecar field per span; metadata: false leaves plain lines', () => {
  const out = lines(exportJsonl(fixture()));
  const meta = out[0].marginalia!;
  assert.equal(meta.path, 'a.txt');
  assert.equal(meta.annotations.length, out[0].label.length);
  const q = meta.annotations.find((r) => r.id === 'q-1')!;
  assert.deepEqual(q.span, out[0].label.find((l) => l[2] === 'QUOTE'));
  assert.equal(q.speaker, 'Joe Biden');
  assert.equal(q.entityId, 'e-joe-biden');
  assert.deepEqual(q.tags, ['disputed']);
  const plain = lines(exportJsonl(fixture(), { metadata: false }));
  for (const l of plain) assert.deepEqual(Object.keys(l), ['text', 'label']);
});
