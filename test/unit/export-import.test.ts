import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticles } from '../../src/core';
import { loadRecogniser } from '../../src/node/recogniser';
import { isUserDecision, suggestionsFor, type Annotation } from '../../src/core/sidecar';
import {
  detectFormat,
  exportJsonl,
  exportW3C,
  importAnnotations,
  importJsonl,
  importW3C,
  mergeImported,
  referencedPaths,
  type ExportArticle,
  type ImportArticle,
} from '../../src/core/export';
import { annotator, ASTRAL_ARTICLE, MIXED_SCRIPT_ARTICLE, CREATED, MODIFIED } from './fixtures';

const A_TEXT = ASTRAL_ARTICLE;
const B_TEXT = MIXED_SCRIPT_ARTICLE;
const C1 = CREATED;
const M1 = MODIFIED;
const NOW = '2026-05-05T05:05:05.000Z';

const ann = annotator({ created: C1, modified: M1 });

function fixture(): ExportArticle[] {
  return [
    {
      path: 'a.txt',
      text: A_TEXT,
      annotations: [
        ann(A_TEXT, 'u-note-1', '📰', { kind: 'note', origin: 'user', status: 'accepted', note: 'Emoji, "quoted", comma\nand a newline' }),
        ann(A_TEXT, 'q-1', 'We are ready 🚀, really,', { kind: 'quote', speaker: 'Joe Biden', entityId: 'e-joe-biden', status: 'accepted', tags: ['disputed', 'needs-source'], note: 'Check the "video", please' }),
        ann(A_TEXT, 'e-1', 'Joe Biden', { type: 'PERSON', entityId: 'e-joe-biden' }),
        Object.assign(ann(A_TEXT, 'e-2', 'Geneva', { type: 'PLACE', entityId: 'e-geneva', status: 'accepted', tags: ['verified'] }), { mergedInto: 'Genève' }),
        ann(A_TEXT, 'c-1', 'The 𝔘𝔑 sent 5,000 troops, officials said.', { kind: 'claim' }),
        ann(A_TEXT, 'u-2', 'Thursday.\r\nThe 𝔘𝔑', { kind: 'note', origin: 'user', status: 'accepted', note: 'spans a CRLF' }),
        ann(A_TEXT, 'u-3', 'Thursday.\r\nThe 𝔘𝔑', { kind: 'note', origin: 'user', status: 'accepted', note: 'a second note on the same span' }),
        ann(A_TEXT, 'e-rej', 'Headline', { type: 'ORG', status: 'rejected' }),
        { ...ann(A_TEXT, 'e-orph', 'today', { type: 'PLACE', orphaned: true }), target: { start: 3, end: 7, exact: 'Kyiv', prefix: '', suffix: '' } },
      ],
    },
    {
      path: 'news/Zoë & co/b file.md',
      text: B_TEXT,
      annotations: [
        ann(B_TEXT, 'n-flag', '🇺🇦', { kind: 'note', origin: 'user', status: 'accepted', note: 'flag' }),
        ann(B_TEXT, 'n-fam', '👨‍👩‍👧', { kind: 'note', origin: 'user', status: 'accepted', note: 'family' }),
        ann(B_TEXT, 'q-2', 'Peace now,', { kind: 'quote', speaker: null, tags: ['opinion'] }),
        ann(B_TEXT, 'e-3', 'Zoë Ångström', { type: 'PERSON', entityId: 'e-zoe' }),
        ann(B_TEXT, 'e-4', '李小龍', { type: 'PERSON', entityId: 'e-li' }),
        ann(B_TEXT, 'e-5', 'Genève', { type: 'PLACE' }),
      ],
    },
  ];
}

const texts = (articles: ExportArticle[]): ImportArticle[] => articles.map((a) => ({ path: a.path, text: a.text }));
const sorted = (list: readonly Annotation[]) => [...list].sort((a, b) => a.target.start - b.target.start || a.target.end - b.target.end || (a.id < b.id ? -1 : 1));
const expected = (a: ExportArticle, includeRejected = false) => sorted(a.annotations.filter((x) => !x.orphaned && (includeRejected || x.status !== 'rejected')));

test('round trip W3C: export then import gives back the same annotations, rejected ones included (beside the items, or among them)', () => {
  const articles = fixture();
  for (const includeRejected of [false, true]) {
    const out = exportW3C(articles, { includeRejected });
    const doc = JSON.parse(out) as { first: { items: { 'marginalia:status': string }[] }; 'marginalia:rejected'?: unknown[] };
    // By default a rejection travels beside the items, where other tools do not take it for an annotation.
    assert.equal(doc.first.items.some((i) => i['marginalia:status'] === 'rejected'), includeRejected);
    assert.equal(!!doc['marginalia:rejected']?.length, !includeRejected);
    const r = importW3C(out, texts(articles), { now: NOW });
    assert.deepEqual(r.problems, []);
    assert.equal(r.annotations.size, 2);
    for (const a of articles) assert.deepEqual(sorted(r.annotations.get(a.path)!), expected(a, true), a.path);
  }
  // With a base IRI for the sources.
  const based = importW3C(exportW3C(articles, { base: 'file:///home/me/corpus/' }), texts(articles), { base: 'file:///home/me/corpus/', now: NOW });
  assert.deepEqual(based.problems, []);
  for (const a of articles) assert.deepEqual(sorted(based.annotations.get(a.path)!), expected(a, true), a.path);
});

test('round trip JSONL: with its metadata every field comes back, in code points and in UTF-16', () => {
  const articles = fixture();
  for (const offsets of ['codepoint', 'utf16'] as const) {
    const out = exportJsonl(articles, { offsets });
    // Rejections are no spans for doccano or spaCy; they travel in the metadata.
    for (const line of out.trim().split('\n').map((l) => JSON.parse(l) as { label: unknown[]; marginalia: { annotations: unknown[]; rejected?: unknown[] } })) assert.equal(line.label.length, line.marginalia.annotations.length);
    // The reader learns the unit from the line, whatever it is told.
    const r = importJsonl(out, texts(articles), { now: NOW, offsets: offsets === 'utf16' ? 'codepoint' : 'utf16' });
    assert.deepEqual(r.problems, []);
    for (const a of articles) assert.deepEqual(sorted(r.annotations.get(a.path)!), expected(a, true), `${offsets} ${a.path}`);
  }
});

test('round trip JSONL without metadata keeps span, kind and type; ids, origin, status, ids of entities, speaker, tags, note and times are lost', () => {
  const articles = fixture();
  const r = importJsonl(exportJsonl(articles, { metadata: false }), texts(articles), { now: NOW });
  assert.deepEqual(r.problems, []);
  for (const a of articles) {
    const got = sorted(r.annotations.get(a.path)!);
    const want = expected(a);
    // Two notes on one span are one label each: both come back.
    assert.equal(got.length, want.length);
    got.forEach((g, i) => {
      const w = want[i];
      assert.deepEqual(g.target, w.target);
      assert.equal(g.kind, w.kind);
      assert.equal(g.type, w.type);
      assert.equal(g.origin, 'user');
      assert.equal(g.status, 'accepted');
      assert.deepEqual(g.tags, []);
      assert.equal(g.note, undefined);
      assert.equal(g.entityId, undefined);
      assert.equal(g.speaker, g.kind === 'quote' ? null : undefined);
      assert.equal(g.created, NOW);
      assert.match(g.id, /^j-[0-9a-f]{12}$/);
    });
  }
  // Ids of such annotations are stable, so importing the same file twice does not duplicate.
  const again = importJsonl(exportJsonl(articles, { metadata: false }), texts(articles), { now: NOW });
  assert.deepEqual([...again.annotations.values()].flat().map((a) => a.id), [...r.annotations.values()].flat().map((a) => a.id));
});

test('round trip on real analysis output: suggestions of the analysed articles come back unchanged', () => {
  const inputs = [
    { path: 'one.txt', text: '“We are ready 🚀,” said Joe Biden in Geneva on Thursday.\r\nRussia sent 100,000 troops to the border, officials said.\r\n' },
    { path: 'two.txt', text: 'Russia has sent about 90,000 troops to the border, Joe Biden said on Friday. 👍\n' },
  ];
  const result = analyzeArticles(inputs, { recogniser: loadRecogniser() });
  const articles: ExportArticle[] = inputs.map((i, d) => ({ ...i, annotations: suggestionsFor(i.text, result.documents[d], C1) }));
  assert.ok(articles[0].annotations.length >= 4);
  for (const [exp, imp] of [
    [exportW3C, importW3C],
    [exportJsonl, importJsonl],
  ] as const) {
    const r = imp(exp(articles), inputs, { now: NOW });
    assert.deepEqual(r.problems, []);
    for (const a of articles) assert.deepEqual(sorted(r.annotations.get(a.path)!), sorted(a.annotations));
  }
});

test('import into a changed article: moved text is found again, text that is gone comes back orphaned and is reported', () => {
  const articles = fixture();
  const w3c = exportW3C(articles);
  const jsonl = exportJsonl(articles);
  const changed = 'An editor added a first paragraph 🙂.\r\n\r\n' + A_TEXT.replace('The 𝔘𝔑 sent 5,000 troops, officials said.\r\n', 'Nothing else happened.\r\n');
  for (const [name, r] of [
    ['w3c', importW3C(w3c, [{ path: 'a.txt', text: changed }], { now: NOW })],
    ['jsonl', importJsonl(jsonl, [{ path: 'a.txt', text: changed }], { now: NOW })],
  ] as const) {
    const got = r.annotations.get('a.txt')!;
    const joe = got.find((a) => a.id === 'e-1')!;
    assert.equal(changed.slice(joe.target.start, joe.target.end), 'Joe Biden', name);
    assert.equal(joe.target.start, changed.indexOf('Joe Biden'));
    assert.ok(!joe.orphaned);
    const quote = got.find((a) => a.id === 'q-1')!;
    assert.equal(changed.slice(quote.target.start, quote.target.end), 'We are ready 🚀, really,');
    assert.deepEqual(quote.tags, ['disputed', 'needs-source']);
    const gone = got.find((a) => a.id === 'u-2')!;
    assert.equal(gone.orphaned, true, name);
    assert.equal(gone.note, 'spans a CRLF', 'an orphan keeps the user data');
    assert.ok(r.problems.some((p) => p.id === 'u-2' && /imported as orphaned/.test(p.message)), name);
    assert.ok(got.find((a) => a.id === 'c-1')!.orphaned, name);
    // Every placed annotation selects its text.
    for (const a of got) if (!a.orphaned) assert.equal(changed.slice(a.target.start, a.target.end), a.target.exact);
  }
});

test('import reads foreign W3C annotations (no Marginalia extension) and doccano / spaCy JSONL lines', () => {
  const text = 'The mayor of Springfield said “taxes will fall” on Monday.';
  const hypothesisLike = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'https://hypothes.is/a/abc123',
    type: 'Annotation',
    motivation: 'commenting',
    created: '2025-02-02T10:00:00Z',
    body: [
      { type: 'TextualBody', value: 'Is this sourced?', purpose: 'commenting' },
      { type: 'TextualBody', value: 'fact-check', purpose: 'tagging' },
    ],
    target: { source: 'https://example.org/news/springfield.txt', selector: [{ type: 'TextQuoteSelector', exact: 'taxes will fall' }] },
  };
  const r = importW3C(JSON.stringify(hypothesisLike), [{ path: 'news/springfield.txt', text }], { now: NOW });
  assert.deepEqual(r.problems, []);
  const [a] = r.annotations.get('news/springfield.txt')!;
  assert.equal(a.kind, 'note');
  assert.equal(a.origin, 'user');
  assert.equal(a.status, 'accepted');
  assert.equal(a.note, 'Is this sourced?');
  assert.deepEqual(a.tags, ['fact-check']);
  assert.equal(a.created, '2025-02-02T10:00:00Z');
  assert.match(a.id, /^w-[0-9a-f]{12}$/);
  assert.equal(text.slice(a.target.start, a.target.end), 'taxes will fall');
  // Positions counted in UTF-16 by another tool (off by one per astral character before them): the quote decides.
  const utf16Start = A_TEXT.indexOf('Geneva');
  const offByTwo = { type: 'Annotation', id: 'https://example.org/anno/9', target: { source: 'urn:marginalia:a.txt', selector: [
    { type: 'TextPositionSelector', start: utf16Start, end: utf16Start + 6 },
    { type: 'TextQuoteSelector', exact: 'Geneva', prefix: 'Joe Biden in ', suffix: ' on Thursday' },
  ] }, body: { type: 'TextualBody', purpose: 'classifying', value: 'PLACE' } };
  const g = importW3C(JSON.stringify(offByTwo), [{ path: 'a.txt', text: A_TEXT }], { now: NOW });
  assert.deepEqual(g.problems, []);
  const [geneva] = g.annotations.get('a.txt')!;
  assert.equal(geneva.target.start, utf16Start);
  assert.equal(geneva.kind, 'entity');
  assert.equal(geneva.type, 'PLACE');
  // doccano's export (entities as objects) and a plain spaCy-style line, matched by their text.
  const doccano = JSON.stringify({ id: 7, text, entities: [{ id: 1, label: 'PLACE', start_offset: 13, end_offset: 24 }] });
  const spacy = JSON.stringify({ text: 'Joe Biden 🚀 met Putin.', label: [[16, 21, 'PERSON'], [0, 3, 'LOC']] });
  const j = importJsonl(doccano + '\n' + spacy + '\n', [{ path: 'news/springfield.txt', text }, { path: 'x.txt', text: 'Joe Biden 🚀 met Putin.' }], { now: NOW });
  const [place] = j.annotations.get('news/springfield.txt')!;
  assert.equal(place.type, 'PLACE');
  assert.equal(place.target.exact, 'Springfield');
  const [putin] = j.annotations.get('x.txt')!;
  assert.equal(putin.target.exact, 'Putin', 'code points by default: 16-21 after the rocket (UTF-16 would be 17-22)');
  assert.ok(j.problems.some((p) => /unknown label "LOC"/.test(p.message)));
});

test('import never throws on bad input and says what is wrong', () => {
  const articles = texts(fixture());
  const bad: [string, RegExp][] = [
    ['', /not valid JSON|not a W3C/],
    ['{ nope', /not valid JSON/],
    ['42', /not a W3C Web Annotation document/],
    ['{"type": "AnnotationCollection", "first": "https://example.org/page1"}', /only embedded pages/],
    ['{"type": "Annotation", "target": "urn:marginalia:a.txt"}', /no target with a source/],
    ['{"type": "Annotation", "target": {"source": "urn:marginalia:nope.txt", "selector": {"type": "TextQuoteSelector", "exact": "x"}}}', /no such article/],
    ['{"type": "Annotation", "target": {"source": "urn:marginalia:a.txt", "selector": {"type": "TextPositionSelector", "start": 5, "end": 2}}}', /start ≤ end/],
    ['{"type": "Annotation", "target": {"source": "urn:marginalia:a.txt", "selector": {"type": "CssSelector", "value": "p"}}}', /neither a TextPositionSelector nor a TextQuoteSelector/],
    ['[{"type": "Note"}]', /is not an Annotation/],
    ['{"type": "Annotation", "target": {"source": "urn:marginalia:a.txt", "selector": {"type": "TextPositionSelector", "start": 0, "end": 99999}}}', /ends beyond the article/],
  ];
  for (const [content, problem] of bad) {
    const r = importW3C(content, articles);
    assert.equal(r.annotations.size, 0, content);
    assert.ok(r.problems.some((p) => problem.test(p.message)), `${content}: ${JSON.stringify(r.problems)}`);
  }
  const badLines: [string, RegExp][] = [
    ['not json', /not a JSON object/],
    ['[1, 2]', /not a JSON object/],
    ['{"label": []}', /no "text"/],
    ['{"text": "unknown text", "label": [[0, 1, "PERSON"]]}', /matches no article/],
    [JSON.stringify({ text: A_TEXT, label: [[5, 2, 'PERSON'], [0, 99999, 'PERSON'], ['a', 1, 'X'], [0, 8, 'WHATEVER']] }), /not a span|unknown label/],
  ];
  for (const [content, problem] of badLines) {
    const r = importJsonl(content, articles);
    assert.equal(r.annotations.size, 0, content);
    assert.ok(r.problems.some((p) => problem.test(p.message)), `${content}: ${JSON.stringify(r.problems)}`);
  }
  // Truncated and mutated exports: problems, never an exception, and never an annotation off its text.
  const full = [exportW3C(fixture()), exportJsonl(fixture())];
  let seed = 12345;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const art = fixture();
  for (const content of full) {
    for (let k = 0; k < 150; k++) {
      let s = content.slice(0, rnd(content.length + 1));
      if (k % 2) {
        const chars = content.split('');
        for (let m = 0; m < 5; m++) chars[rnd(chars.length)] = '{}[]",:0123 -9aZ\n'[rnd(17)];
        s = chars.join('');
      }
      const r = importAnnotations(s, texts(art), { now: NOW });
      for (const [path, list] of r.annotations) {
        const t = art.find((a) => a.path === path)!.text;
        for (const a of list) if (!a.orphaned) assert.equal(t.slice(a.target.start, a.target.end), a.target.exact);
      }
    }
  }
});

test('merge: imported decisions win, imported plain suggestions only fill empty places, nothing is removed', () => {
  const [a] = fixture();
  const existing = a.annotations.filter((x) => !x.orphaned);
  const imported = importW3C(exportW3C([a]), texts([a]), { now: NOW }).annotations.get('a.txt')!;
  // The same set: all unchanged.
  const same = mergeImported(existing, imported);
  assert.equal(same.added + same.updated, 0);
  assert.equal(same.unchanged, imported.length);
  assert.equal(same.annotations.length, existing.length);
  // Edited elsewhere: a tag added to a quote, a new user note; a plain suggestion where the user has a decision.
  const quote = imported.find((x) => x.id === 'q-1')!;
  const edited = [
    { ...quote, tags: [...quote.tags, 'verified'], modified: NOW },
    { ...imported.find((x) => x.id === 'e-1')!, id: 'e-1-again' },
    { ...ann(A_TEXT, 'u-new', 'troops', { kind: 'note', origin: 'user', status: 'accepted', note: 'how many?' }) },
    { ...ann(A_TEXT, 's-geneva', 'Geneva', { type: 'PLACE' }) },
    { ...ann(A_TEXT, 'o-1', 'Headline', { kind: 'note', origin: 'user', status: 'accepted', orphaned: true }), target: { start: 0, end: 4, exact: 'Kyiv', prefix: '', suffix: '' } },
  ];
  const m = mergeImported(existing, edited);
  assert.deepEqual(m.annotations.find((x) => x.id === 'q-1')!.tags, ['disputed', 'needs-source', 'verified']);
  assert.ok(m.annotations.some((x) => x.id === 'u-new'));
  assert.ok(!m.annotations.some((x) => x.id === 's-geneva'), 'a suggestion does not replace the accepted Geneva');
  assert.ok(!m.annotations.some((x) => x.id === 'e-1-again'), 'a suggestion at a taken place is not added');
  assert.ok(m.annotations.some((x) => x.id === 'o-1' && x.orphaned));
  assert.ok(m.annotations.some((x) => x.id === 'e-rej'), 'not mentioned: kept');
  assert.equal(m.updated, 1);
  assert.equal(m.added, 2);
  assert.equal(m.skipped, 2);
  assert.ok(m.annotations.every((x) => !x.orphaned || x.id === 'o-1'));
  assert.ok(isUserDecision(m.annotations.find((x) => x.id === 'q-1')!));
});

test('format detection and the article paths an export names', () => {
  const articles = fixture();
  const w3c = exportW3C(articles);
  const jsonl = exportJsonl(articles);
  assert.equal(detectFormat(w3c), 'w3c');
  assert.equal(detectFormat(jsonl), 'jsonl');
  assert.equal(detectFormat('{"text": "one line", "label": []}'), 'jsonl');
  assert.equal(detectFormat(jsonl, 'x.json'), 'w3c', 'the extension decides when there is one');
  assert.equal(detectFormat(w3c, 'x.ndjson'), 'jsonl');
  assert.deepEqual(referencedPaths(w3c), ['a.txt', 'news/Zoë & co/b file.md']);
  assert.deepEqual(referencedPaths(jsonl), ['a.txt', 'news/Zoë & co/b file.md']);
  assert.deepEqual(referencedPaths(exportW3C(articles, { base: 'https://x.example/' }), { base: 'https://x.example/' }), ['a.txt', 'news/Zoë & co/b file.md']);
  // importAnnotations picks the reader by the detected format.
  assert.equal(importAnnotations(jsonl, texts(articles), { now: NOW }).annotations.size, 2);
  assert.equal(importAnnotations(w3c, texts(articles), { now: NOW }).annotations.size, 2);
});
