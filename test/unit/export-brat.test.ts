import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bratAnnotationConf, bratAttribute, exportBrat, type BratDocument, type ExportArticle } from '../../src/core/export';
import { ann, ASTRAL_ARTICLE } from './fixtures';

const A_TEXT = ASTRAL_ARTICLE;
const B_TEXT = 'Flags 🇺🇦 and family 👨‍👩‍👧 — “Peace now,” she said.\rZoë Ångström met 李小龍 in Genève.\u2028End.\n';

function fixture(): ExportArticle[] {
  return [
    {
      path: 'a.txt',
      text: A_TEXT,
      annotations: [
        ann(A_TEXT, 'n-1', '📰', { kind: 'note', origin: 'user', status: 'accepted', note: 'An emoji,\r\non two lines' }),
        ann(A_TEXT, 'q-1', 'We are ready 🚀, really,', { kind: 'quote', speaker: 'Joe Biden', tags: ['disputed', 'needs source'], note: 'check' }),
        ann(A_TEXT, 'e-1', 'Joe Biden', { type: 'PERSON', entityId: 'e-joe-biden' }),
        ann(A_TEXT, 'e-2', 'Geneva', { type: 'PLACE', tags: ['verified'] }),
        ann(A_TEXT, 'c-1', 'The 𝔘𝔑 sent 5,000 troops, officials said.', { kind: 'claim' }),
        ann(A_TEXT, 'n-2', 'Thursday.\r\nThe 𝔘𝔑', { kind: 'note', origin: 'user', status: 'accepted' }),
        ann(A_TEXT, 'n-3', '\r\n\r\n', { kind: 'note', origin: 'user', status: 'accepted' }),
        ann(A_TEXT, 'e-rej', 'Headline', { type: 'ORG', status: 'rejected', tags: ['rejected-tag'] }),
      ],
    },
    {
      path: '../outside/b.md',
      text: B_TEXT,
      annotations: [
        ann(B_TEXT, 'n-fam', '👨‍👩‍👧', { kind: 'note', origin: 'user', status: 'accepted' }),
        ann(B_TEXT, 'q-2', 'Peace now,', { kind: 'quote', speaker: null }),
        ann(B_TEXT, 'n-cr', 'said.\rZoë', { kind: 'note', origin: 'user', status: 'accepted' }),
        ann(B_TEXT, 'e-3', 'Zoë Ångström', { type: 'PERSON' }),
        ann(B_TEXT, 'e-4', '李小龍', { type: 'PERSON' }),
        ann(B_TEXT, 'n-ls', 'Genève.\u2028End', { kind: 'note', origin: 'user', status: 'accepted' }),
      ],
    },
  ];
}

/**
 * The checks brat's server makes when it loads a document (server/src/annotation.py): the .txt read
 * with universal newlines and indexed by code point; each `T` line's spans in order, inside the text,
 * not overlapping, and its text field equal to the spans' text joined by one space; `A` and `#` lines
 * pointing at an existing `T`; attributes declared in annotation.conf.
 */
function bratViolations(doc: BratDocument, conf: string): string[] {
  const v: string[] = [];
  const text = Array.from(doc.text.replace(/\r\n?/g, '\n')); // universal newlines, then code points
  if (doc.text.includes('\r')) v.push('the .txt copy has CR characters');
  const attrs = new Set(conf.split('[attributes]')[1].split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t')[0]));
  const entities = new Set(conf.split('[entities]')[1].split('[')[0].split('\n').filter(Boolean));
  const ids = new Set<string>();
  assert.ok(doc.ann === '' || doc.ann.endsWith('\n'));
  const annLines = doc.ann.split('\n').slice(0, -1);
  // Any line splitter must see the same lines (no stray breaks in a text field).
  // eslint-disable-next-line no-control-regex -- VT, FF, FS, GS, RS: line breaks to some readers, none may appear
  if (doc.ann.split(/\r\n|[\n\r\u000b\u000c\u001c-\u001e\u0085\u2028\u2029]/).length !== annLines.length + 1) v.push('a text field contains a line break');
  for (const line of annLines) {
    const [id, ...restParts] = line.split('\t');
    const rest = restParts.join('\t');
    if (id.startsWith('T')) {
      const tab = rest.indexOf('\t');
      const data = rest.slice(0, tab);
      const tail = Array.from(rest.slice(tab)); // brat slices the tail by code point too
      const [type, ...spanParts] = data.split(' ');
      if (!entities.has(type)) v.push(`${id}: type ${type} is not in annotation.conf`);
      const spans = spanParts.join(' ').split(';').map((s) => s.split(' ').map(Number) as [number, number]);
      const seen: [number, number][] = [];
      for (const [s, e] of spans) {
        if (!(Number.isInteger(s) && Number.isInteger(e))) v.push(`${id}: offsets are not integers`);
        if (s > e) v.push(`${id}: start > end`);
        if (s < 0) v.push(`${id}: start < 0`);
        if (e > text.length) v.push(`${id}: offset exceeds text length`);
        for (const [os, oe] of seen) if (e >= os && s < oe) v.push(`${id}: spans overlap`);
        seen.push([s, e]);
      }
      const spanlen = spans.reduce((n, [s, e]) => n + e - s, 0) + (spans.length - 1);
      const given = tail.slice(1, spanlen + 1).join('');
      const ref = spans.map(([s, e]) => text.slice(s, e).join('')).join(' ');
      if (given !== ref) v.push(`${id}: text ${JSON.stringify(given)} does not match marked spans text ${JSON.stringify(ref)}`);
      if (tail.length > spanlen + 1) v.push(`${id}: text longer than the spans`);
      ids.add(id);
    } else if (id.startsWith('A')) {
      const m = /^(.+?) (.+?)$/.exec(rest);
      if (!m) v.push(`${id}: not an attribute line`);
      else {
        if (!attrs.has(m[1])) v.push(`${id}: attribute ${m[1]} not declared`);
        if (!ids.has(m[2])) v.push(`${id}: target ${m[2]} unknown`);
      }
    } else if (id.startsWith('#')) {
      const [data] = rest.split('\t');
      const parts = data.split(/\s+/);
      if (parts.length !== 2) v.push(`${id}: comment needs TYPE TARGET`);
      if (!ids.has(parts[1])) v.push(`${id}: target ${parts[1]} unknown`);
    } else v.push(`unknown line ${line}`);
  }
  return v;
}

test('brat: every line passes the checks brat makes on load; the copy has LF line ends', () => {
  const articles = fixture();
  const docs = exportBrat(articles);
  const conf = bratAnnotationConf(articles);
  assert.equal(docs.length, 2);
  for (const d of docs) assert.deepEqual(bratViolations(d, conf), [], d.path);
  // The checker catches a span one character off (UTF-16 counting would be), and an undeclared attribute.
  assert.ok(bratViolations({ ...docs[0], ann: docs[0].ann.replace('PERSON 49 58', 'PERSON 50 59') }, conf).some((m) => /does not match/.test(m)));
  assert.ok(bratViolations({ ...docs[0], ann: docs[0].ann.replace('\tverified T', '\tunknown T') }, conf).some((m) => /not declared/.test(m)));
  assert.equal(docs[0].text, A_TEXT.replace(/\r\n/g, '\n'));
  assert.equal(docs[1].text, B_TEXT.replace(/\r/g, '\n'));
});

test('brat: offsets are code points of the LF copy (an emoji is one character, a CRLF one)', () => {
  const [a] = exportBrat(fixture());
  const t = (label: string) => a.ann.split('\n').find((l) => l.startsWith('T') && l.split('\t')[1].startsWith(label + ' '))!;
  // "Headline 📰 today\n\n“" is 19 code points.
  assert.equal(t('QUOTE'), 'T2\tQUOTE 19 42\tWe are ready 🚀, really,');
  const copy = Array.from(a.text);
  const [, spans] = t('PERSON').split('\t');
  const [s, e] = spans.split(' ').slice(1).map(Number);
  assert.equal(copy.slice(s, e).join(''), 'Joe Biden');
  // A span across a line end is two fragments around it; one of line ends only is not exported.
  assert.ok(a.ann.includes('\tNOTE 72 81;82 88\tThursday. The 𝔘𝔑\n'), a.ann);
  assert.equal(a.ann.split('\n').filter((l) => l.startsWith('T')).length, 6);
});

test('brat: tags are declared binary attributes, the speaker a comment, the note AnnotatorNotes on one line', () => {
  const articles = fixture();
  const [a] = exportBrat(articles);
  const conf = bratAnnotationConf(articles);
  assert.match(a.ann, /^A1\tdisputed T2$/m);
  assert.match(a.ann, /^A2\tneeds_source T2$/m);
  assert.match(a.ann, /^A3\tverified T4$/m);
  assert.match(a.ann, /^#\d+\tSpeaker T2\tJoe Biden$/m);
  assert.match(a.ann, /^#\d+\tAnnotatorNotes T2\tcheck$/m);
  assert.match(a.ann, /^#\d+\tAnnotatorNotes T1\tAn emoji, on two lines$/m);
  assert.match(conf, /\[attributes\]\ndisputed\tArg:<ENTITY>\nneeds_source\tArg:<ENTITY>\nverified\tArg:<ENTITY>\n$/);
  assert.ok(!conf.includes('rejected-tag'), 'tags of rejected annotations are not declared');
  assert.match(conf, /<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>/);
  assert.equal(bratAttribute('needs source!'), 'needs_source_');
  assert.equal(bratAttribute('überprüft'), 'überprüft');
});

test("brat: astral 'replace' makes code points and UTF-16 agree for brat's browser client", () => {
  const articles = fixture();
  const docs = exportBrat(articles, { astral: 'replace' });
  const conf = bratAnnotationConf(articles);
  for (const d of docs) {
    assert.deepEqual(bratViolations(d, conf), [], d.path);
    assert.ok(!/[\uD800-\uDFFF]/.test(d.text + d.ann), 'no surrogates left');
    assert.equal(Array.from(d.text).length, d.text.length);
    // UTF-16 slicing (what the client does) now gives the same text as brat's server.
    for (const line of d.ann.split('\n').filter((l) => l.startsWith('T'))) {
      const [, data, given] = line.split('\t');
      const spans = data.split(' ').slice(1).join(' ').split(';').map((s) => s.split(' ').map(Number));
      assert.equal(spans.map(([s, e]) => d.text.slice(s, e)).join(' '), given);
    }
  }
  assert.ok(docs[0].ann.includes('\tQUOTE 19 42\tWe are ready \uFFFD, really,\n'));
});

test('brat: document names stay inside the collection and are unique', () => {
  const docs = exportBrat([
    { path: 'a.txt', text: 'x', annotations: [] },
    { path: '../outside/b.md', text: 'x', annotations: [] },
    { path: 'A.TXT', text: 'x', annotations: [] },
    { path: '/abs/c.txt', text: 'x', annotations: [] },
  ]);
  assert.deepEqual(docs.map((d) => d.path), ['a', 'outside/b.md', 'A-2', 'abs/c']);
  assert.equal(docs[0].ann, '');
});
