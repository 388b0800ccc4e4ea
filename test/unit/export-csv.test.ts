import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Fact } from '../../src/core';
import { CSV_COLUMNS, csvField, exportCsv, type ExportArticle } from '../../src/core/export';
import { ann } from './fixtures';

const A_TEXT = 'Headline 📰\r\n\r\n“We are ready, "really",\r\nand waiting,” said Joe Biden.\r\nNATO sent 5,000 troops to Estonia, officials said.\r\n=SUM(A1) is not a formula.\r\n';
const B_TEXT = 'NATO sent about 4,000 troops to Estonia on Monday.\n';

const A_CLAIM = 'NATO sent 5,000 troops to Estonia, officials said.';
const B_CLAIM = 'NATO sent about 4,000 troops to Estonia on Monday.';
const FACTS: Fact[] = [
  {
    id: 'f-1',
    statement: 'NATO sent troops to Estonia',
    claims: [
      { path: 'a, "quoted".txt', start: A_TEXT.indexOf(A_CLAIM), end: A_TEXT.indexOf(A_CLAIM) + A_CLAIM.length },
      // The analysis' claim in b is the sentence without its full stop: the annotation overlaps it.
      { path: 'b.txt', start: 0, end: B_CLAIM.length - 1 },
    ],
    consistent: false,
    discrepancy: 'troops: 5,000 vs about 4,000',
  },
];

function fixture(): ExportArticle[] {
  return [
    {
      path: 'a, "quoted".txt',
      text: A_TEXT,
      facts: FACTS,
      annotations: [
        ann(A_TEXT, 'q-1', 'We are ready, "really",\r\nand waiting,', { kind: 'quote', speaker: 'Joe Biden', tags: ['disputed', 'needs-source'], note: 'Line one\nline two, with "quotes"' }),
        ann(A_TEXT, 'e-1', 'Joe Biden', { type: 'PERSON' }),
        ann(A_TEXT, 'c-1', A_CLAIM, { kind: 'claim', status: 'accepted', verdict: 'Mostly true' }),
        ann(A_TEXT, 'c-2', '=SUM(A1) is not a formula.', { kind: 'claim' }),
        ann(A_TEXT, 'c-rej', 'Headline', { kind: 'claim', status: 'rejected' }),
        ann(A_TEXT, 'n-1', '📰', { kind: 'note', note: 'not in the CSV' }),
      ],
    },
    { path: 'b.txt', text: B_TEXT, facts: FACTS, annotations: [ann(B_TEXT, 'c-3', B_CLAIM, { kind: 'claim' }), ann(B_TEXT, 'q-x', 'Monday', { kind: 'quote', speaker: null })] },
  ];
}

/** An RFC 4180 reader (records end in CRLF; quoted fields may hold commas, doubled quotes, line ends). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"') {
      assert.equal(field, '', 'a quote only opens a field');
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      assert.ok(c !== '\n' && c !== '\r', 'a bare line end outside quotes');
      field += c;
      i++;
    }
  }
  assert.equal(quoted, false);
  assert.equal(field, '');
  assert.equal(row.length, 0, 'the last record ends in CRLF');
  return rows;
}

test('CSV: a header row, then one row per quote and claim (not rejected), RFC 4180 quoting', () => {
  const out = exportCsv(fixture());
  assert.ok(out.startsWith('\uFEFF'), 'BOM for Excel');
  const rows = parseCsv(out.slice(1));
  assert.deepEqual(rows[0], [...CSV_COLUMNS]);
  assert.deepEqual(rows[0], ['article', 'kind', 'text', 'speaker', 'tags', 'note', 'fact', 'discrepancy', 'verdict']);
  for (const r of rows) assert.equal(r.length, 9);
  assert.equal(rows.length, 1 + 5);
  const [, q, c1, c2, c3, q2] = rows;
  assert.deepEqual(q, ['a, "quoted".txt', 'quote', 'We are ready, "really",\r\nand waiting,', 'Joe Biden', 'disputed; needs-source', 'Line one\nline two, with "quotes"', '', '', '']);
  assert.deepEqual(c1, ['a, "quoted".txt', 'claim', A_CLAIM, '', '', '', 'NATO sent troops to Estonia', 'troops: 5,000 vs about 4,000', 'Mostly true']);
  assert.deepEqual(c2, ['a, "quoted".txt', 'claim', "'=SUM(A1) is not a formula.", '', '', '', '', '', '']);
  assert.deepEqual(c3, ['b.txt', 'claim', B_CLAIM, '', '', '', 'NATO sent troops to Estonia', 'troops: 5,000 vs about 4,000', '']);
  assert.deepEqual(q2, ['b.txt', 'quote', 'Monday', '', '', '', '', '', '']);
});

test('CSV: the BOM and the formula guard can be turned off; fields quote exactly when needed', () => {
  const out = exportCsv(fixture(), { bom: false, guardFormulas: false });
  assert.ok(out.startsWith('article,kind,'));
  assert.ok(parseCsv(out).some((r) => r[2] === '=SUM(A1) is not a formula.'));
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\r\nlines'), '"two\r\nlines"');
  assert.equal(csvField('lone\rcr'), '"lone\rcr"');
  assert.equal(csvField('-1 is negative'), "'-1 is negative");
  assert.equal(csvField('@handle', false), '@handle');
  assert.equal(csvField('+1, yes'), `"'+1, yes"`);
});

test('CSV: an article set without quotes or claims gives the header only', () => {
  assert.equal(exportCsv([{ path: 'x.txt', text: 'Nothing.', annotations: [] }], { bom: false }), 'article,kind,text,speaker,tags,note,fact,discrepancy,verdict\r\n');
});
