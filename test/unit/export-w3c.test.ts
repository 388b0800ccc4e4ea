import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportW3C, importW3C, type ExportArticle, type Problem } from '../../src/core/export';
import { annotator, ASTRAL_ARTICLE, MIXED_SCRIPT_ARTICLE, CREATED, MODIFIED } from './fixtures';

// ---------------------------------------------------------------------------------------------
// Fixture: astral characters (emoji, mathematical letters, a flag, a ZWJ family), CRLF line ends,
// combining-free accented letters, CJK, a path that needs percent-encoding.

const A_TEXT = ASTRAL_ARTICLE;
const B_TEXT = MIXED_SCRIPT_ARTICLE;
const C1 = CREATED;
const M1 = MODIFIED;

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
        ann(A_TEXT, 'e-2', 'Geneva', { type: 'PLACE', entityId: 'e-geneva', status: 'accepted', tags: ['verified'] }),
        ann(A_TEXT, 'c-1', 'The 𝔘𝔑 sent 5,000 troops, officials said.', { kind: 'claim' }),
        ann(A_TEXT, 'u-2', 'Thursday.\r\nThe 𝔘𝔑', { kind: 'note', origin: 'user', status: 'accepted', note: 'spans a CRLF' }),
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

// ---------------------------------------------------------------------------------------------
// The MUSTs of the W3C Web Annotation Data Model (Recommendation, 23 February 2017) this export
// relies on, checked independently of the exporter. Section numbers are the model's.

const ANNO = 'http://www.w3.org/ns/anno.jsonld';
const MOTIVATIONS = new Set(['assessing', 'bookmarking', 'classifying', 'commenting', 'describing', 'editing', 'highlighting', 'identifying', 'linking', 'moderating', 'questioning', 'replying', 'tagging']);
/** Keys the Web Annotation context defines; an extension context MUST NOT redefine them (Vocabulary §Extensions). */
const ANNO_KEYS = new Set(['id', 'type', 'body', 'target', 'source', 'selector', 'value', 'purpose', 'motivation', 'created', 'modified', 'creator', 'generator', 'items', 'first', 'total', 'label', 'start', 'end', 'exact', 'prefix', 'suffix']);
const DATETIME_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/;

type J = Record<string, unknown>;
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const types = (o: J): string[] => list(o.type).filter((t): t is string => typeof t === 'string');
const isNonNegInt = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

/** Every MUST violated by `doc` (an exported collection), as messages. `texts` are the articles' texts by source IRI. */
function w3cViolations(doc: J, texts: Map<string, string>): string[] {
  const v: string[] = [];
  // §5.1 Annotation Collection
  const ctx = list(doc['@context']);
  if (!ctx.includes(ANNO)) v.push('Collection: @context MUST include anno.jsonld');
  if (typeof doc.id !== 'string' || !IRI.test(doc.id)) v.push('Collection: MUST have exactly 1 IRI id');
  if (!types(doc).includes('AnnotationCollection')) v.push('Collection: type MUST include AnnotationCollection');
  if (doc.label !== undefined && typeof doc.label !== 'string') v.push('Collection: label MUST be a string');
  if (doc.total !== undefined && !isNonNegInt(doc.total)) v.push('Collection: total MUST be a non-negative integer');
  if ((doc.total as number) > 0 && (doc.first === undefined || Array.isArray(doc.first))) v.push('Collection: total > 0 MUST have exactly 1 first page');
  let count = 0;
  const seenIds = new Set<string>();
  for (let page = doc.first as J | undefined; page; page = page.next as J | undefined) {
    // §5.2 Annotation Page
    if (typeof page !== 'object') break;
    if (typeof page.id !== 'string' || !IRI.test(page.id)) v.push('Page: MUST have exactly 1 IRI id');
    if (!types(page).includes('AnnotationPage')) v.push('Page: type MUST include AnnotationPage');
    if (page['@context'] !== undefined) v.push('Page: embedded page SHOULD NOT have @context');
    if (page.startIndex !== undefined && !isNonNegInt(page.startIndex)) v.push('Page: startIndex MUST be a non-negative integer');
    if (!Array.isArray(page.items) || page.items.length < 1) v.push('Page: items MUST be an array of 1 or more Annotations');
    for (const item of (page.items as J[]) ?? []) {
      count++;
      v.push(...annotationViolations(item, texts, seenIds));
    }
  }
  if (doc.total !== undefined && count !== doc.total) v.push(`Collection: total ${doc.total} but ${count} annotations`);
  return v;
}

function annotationViolations(a: J, texts: Map<string, string>, seenIds: Set<string>): string[] {
  const v: string[] = [];
  const at = `Annotation ${String(a.id)}`;
  // §3.1 Annotations
  const ctx = a['@context'];
  if (typeof ctx === 'string') {
    if (ctx !== ANNO) v.push(`${at}: a single @context MUST be anno.jsonld`);
  } else if (Array.isArray(ctx)) {
    if (!ctx.includes(ANNO)) v.push(`${at}: @context MUST include anno.jsonld`);
    if (ctx.length < 2) v.push(`${at}: a single @context value MUST be given as a string`);
    for (const c of ctx) if (c && typeof c === 'object') for (const k of Object.keys(c)) if (ANNO_KEYS.has(k)) v.push(`${at}: extension context MUST NOT redefine ${k}`);
  } else v.push(`${at}: MUST have 1 or more @context values`);
  if (typeof a.id !== 'string' || !IRI.test(a.id)) v.push(`${at}: MUST have exactly 1 IRI id`);
  else if (seenIds.has(a.id)) v.push(`${at}: id is not unique`);
  else seenIds.add(a.id);
  if (!types(a).includes('Annotation')) v.push(`${at}: type MUST include Annotation`);
  const targets = list(a.target);
  if (targets.length < 1) v.push(`${at}: MUST have 1 or more targets`);
  if (a.body !== undefined && a.bodyValue !== undefined) v.push(`${at}: MUST NOT have both body and bodyValue`);
  // §3.3.5 Lifecycle: created/modified at most 1, xsd:dateTime with UTC "Z"
  for (const k of ['created', 'modified', 'generated']) if (a[k] !== undefined && (typeof a[k] !== 'string' || !DATETIME_Z.test(a[k] as string))) v.push(`${at}: ${k} MUST be an xsd:dateTime in UTC ("Z")`);
  // §3.3.5 Motivation and purpose: instances of oa:Motivation
  for (const m of list(a.motivation)) if (!MOTIVATIONS.has(m as string)) v.push(`${at}: unknown motivation ${String(m)}`);
  // §3.2.4 Textual Body
  for (const b of list(a.body)) {
    if (!b || typeof b !== 'object') continue;
    const body = b as J;
    if (types(body).includes('TextualBody') && typeof body.value !== 'string') v.push(`${at}: a TextualBody MUST have exactly 1 value`);
    for (const p of list(body.purpose)) if (!MOTIVATIONS.has(p as string)) v.push(`${at}: unknown purpose ${String(p)}`);
  }
  for (const t of targets) {
    if (!t || typeof t !== 'object') continue;
    const target = t as J;
    // §4 Specific Resources: exactly 1 source
    if (typeof target.source !== 'string' || !IRI.test(target.source)) {
      v.push(`${at}: a SpecificResource MUST have exactly 1 source IRI`);
      continue;
    }
    const text = texts.get(target.source);
    const cps = text === undefined ? undefined : Array.from(text);
    let position: [number, number] | undefined;
    let quote: { exact: string; prefix: string; suffix: string } | undefined;
    for (const s of list(target.selector)) {
      const sel = s as J;
      const ty = list(sel.type);
      if (ty.length !== 1) v.push(`${at}: a selector MUST have exactly 1 type`);
      if (ty[0] === 'TextQuoteSelector') {
        // §4.2.4: exactly 1 exact; prefix and suffix at most 1
        if (typeof sel.exact !== 'string') v.push(`${at}: TextQuoteSelector MUST have exactly 1 exact`);
        for (const k of ['prefix', 'suffix']) if (sel[k] !== undefined && typeof sel[k] !== 'string') v.push(`${at}: TextQuoteSelector ${k} MUST NOT be more than 1`);
        quote = { exact: sel.exact as string, prefix: (sel.prefix as string) ?? '', suffix: (sel.suffix as string) ?? '' };
      } else if (ty[0] === 'TextPositionSelector') {
        // §4.2.5: exactly 1 start and 1 end, non-negative integers (and a range: start <= end)
        if (!isNonNegInt(sel.start) || !isNonNegInt(sel.end)) v.push(`${at}: TextPositionSelector start/end MUST be non-negative integers`);
        else if ((sel.start as number) > (sel.end as number)) v.push(`${at}: TextPositionSelector start > end`);
        else position = [sel.start as number, sel.end as number];
      }
    }
    if (!cps) {
      v.push(`${at}: source ${target.source} is not one of the articles`);
      continue;
    }
    // §4.2.4/§4.2.5: positions count code points ("character number"); both select the same text.
    if (position) {
      if (position[1] > cps.length) v.push(`${at}: position beyond the text`);
      else if (quote && cps.slice(position[0], position[1]).join('') !== quote.exact) v.push(`${at}: position [${position}] selects ${JSON.stringify(cps.slice(position[0], position[1]).join(''))}, not ${JSON.stringify(quote.exact)}`);
    }
    if (quote) {
      const whole = quote.prefix + quote.exact + quote.suffix;
      const hits: number[] = [];
      for (let i = text!.indexOf(whole); i >= 0; i = text!.indexOf(whole, i + 1)) hits.push(Array.from(text!.slice(0, i + quote.prefix.length)).length);
      if (hits.length !== 1) v.push(`${at}: the quote selector matches ${hits.length} places`);
      else if (position && hits[0] !== position[0]) v.push(`${at}: the quote selector selects another place than the position selector`);
    }
  }
  return v;
}

function exported(options = {}) {
  const articles = fixture();
  const problems: Problem[] = [];
  const doc = JSON.parse(exportW3C(articles, { report: (p) => problems.push(p), generated: '2026-03-01T10:00:00.000Z', ...options })) as J;
  return { articles, doc, problems };
}

function textsBySource(doc: J, articles: ExportArticle[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const item of ((doc.first as J)?.items as J[]) ?? []) {
    const source = (item.target as J).source as string;
    const path = decodeURIComponent(source.replace(/^urn:marginalia:/, '').replace(/^https:\/\/news\.example\.org\//, ''));
    const article = articles.find((a) => a.path === path);
    if (article) texts.set(source, article.text);
  }
  return texts;
}

test('W3C: the collection satisfies every MUST checked, and every selector selects its annotation text', () => {
  const { doc, articles } = exported();
  const texts = textsBySource(doc, articles);
  assert.equal(texts.size, 2);
  assert.deepEqual(w3cViolations(doc, texts), []);
  const items = (doc.first as J).items as J[];
  // 12 annotations: not the rejected one, not the orphan.
  assert.equal(items.length, 12);
  assert.equal(doc.total, 12);
  // The rejected one travels beside the items, in an extension property under the collection's own context.
  assert.deepEqual(doc['@context'], [ANNO, { marginalia: 'urn:marginalia:vocab#' }]);
  const rejected = doc['marginalia:rejected'] as J[];
  assert.equal(rejected.length, 1);
  assert.equal(rejected[0]['marginalia:status'], 'rejected');
  assert.equal(doc.generated, '2026-03-01T10:00:00.000Z');
});

test('W3C: the checker itself catches each kind of violation', () => {
  const { doc, articles } = exported();
  const texts = textsBySource(doc, articles);
  const broken = (f: (d: J) => void): string[] => {
    const d = JSON.parse(JSON.stringify(doc)) as J;
    f(d);
    return w3cViolations(d, texts);
  };
  const first = (d: J) => ((d.first as J).items as J[])[1];
  const sel = (d: J, type: string) => (((first(d).target as J).selector as J[]).find((s) => s.type === type) as J);
  const cases: [string, (d: J) => void, RegExp][] = [
    ['no @context', (d) => delete first(d)['@context'], /MUST have 1 or more @context/],
    ['one context in an array', (d) => (first(d)['@context'] = [ANNO]), /as a string/],
    ['extension redefines a key', (d) => (first(d)['@context'] = [ANNO, { id: 'urn:x' }]), /MUST NOT redefine id/],
    ['no id', (d) => delete first(d).id, /IRI id/],
    ['wrong type', (d) => (first(d).type = 'Note'), /type MUST include Annotation/],
    ['no target', (d) => delete first(d).target, /1 or more targets/],
    ['TextualBody without value', (d) => delete ((first(d).body as J[])[0]).value, /exactly 1 value/],
    ['position counted in UTF-16', (d) => ((sel(d, 'TextPositionSelector').end as number) += 1), /selects/],
    ['negative start', (d) => (sel(d, 'TextPositionSelector').start = -1), /non-negative/],
    ['start after end', (d) => (sel(d, 'TextPositionSelector').start = 9999), /start > end/],
    ['quote without exact', (d) => delete sel(d, 'TextQuoteSelector').exact, /exactly 1 exact/],
    ['local time', (d) => (first(d).created = '2026-01-01T01:00:00+01:00'), /UTC/],
    ['empty page', (d) => ((d.first as J).items = []), /1 or more Annotations/],
    ['no first page', (d) => delete d.first, /exactly 1 first page/],
    ['wrong collection type', (d) => (d.type = 'Collection'), /AnnotationCollection/],
    ['page without type', (d) => delete (d.first as J).type, /AnnotationPage/],
  ];
  for (const [name, f, expected] of cases) assert.ok(broken(f).some((m) => expected.test(m)), `${name}: ${broken(f).join('; ')}`);
});

test('W3C: positions are code points (not UTF-16), with CRLF counted as two characters', () => {
  const { doc } = exported();
  const items = (doc.first as J).items as J[];
  const byId = (id: string) => items.find((i) => i['marginalia:id'] === id)!;
  const pos = (a: J) => ((a.target as J).selector as J[]).find((s) => s.type === 'TextPositionSelector') as J;
  // 'Joe Biden' comes after 📰 and 🚀 (two astral characters): UTF-16 offset minus 2.
  const utf16 = A_TEXT.indexOf('Joe Biden');
  assert.equal(pos(byId('e-1')).start, utf16 - 2);
  assert.equal(pos(byId('e-1')).end, utf16 - 2 + 9);
  // The family emoji is 5 code points (8 UTF-16 units); the flag is 2 (4 units).
  assert.equal((pos(byId('n-fam')).end as number) - (pos(byId('n-fam')).start as number), 5);
  assert.equal((pos(byId('n-flag')).end as number) - (pos(byId('n-flag')).start as number), 2);
  // A span across CRLF keeps both characters in its quote.
  const crlf = ((byId('u-2').target as J).selector as J[]).find((s) => s.type === 'TextQuoteSelector') as J;
  assert.equal(crlf.exact, 'Thursday.\r\nThe 𝔘𝔑');
  assert.equal((pos(byId('u-2')).end as number) - (pos(byId('u-2')).start as number), 'Thursday.\r\nThe '.length + 2);
});

test('W3C: ids, sources, bodies, motivation and the extension properties', () => {
  const { doc } = exported();
  const items = (doc.first as J).items as J[];
  const q = items.find((i) => i['marginalia:id'] === 'q-1')!;
  assert.equal(q.id, 'urn:marginalia:a.txt#q-1');
  assert.deepEqual(q['@context'], [ANNO, { marginalia: 'urn:marginalia:vocab#' }]);
  assert.equal(q.type, 'Annotation');
  assert.equal(q.motivation, 'classifying');
  assert.equal(q.created, C1);
  assert.equal(q.modified, M1);
  assert.deepEqual(q.creator, { type: 'Software', name: 'Marginalia' });
  assert.deepEqual(q.body, [
    { type: 'TextualBody', purpose: 'classifying', value: 'quote' },
    { type: 'TextualBody', purpose: 'identifying', value: 'e-joe-biden', 'marginalia:field': 'entityId' },
    { type: 'TextualBody', purpose: 'identifying', value: 'Joe Biden', 'marginalia:field': 'speaker' },
    { type: 'TextualBody', purpose: 'tagging', value: 'disputed' },
    { type: 'TextualBody', purpose: 'tagging', value: 'needs-source' },
    { type: 'TextualBody', purpose: 'describing', value: 'Check the "video", please', format: 'text/plain' },
  ]);
  assert.equal(q['marginalia:kind'], 'quote');
  assert.equal(q['marginalia:origin'], 'suggested');
  assert.equal(q['marginalia:status'], 'accepted');
  const e = items.find((i) => i['marginalia:id'] === 'e-3')!;
  assert.equal(e.motivation, 'identifying');
  assert.deepEqual((e.body as J[])[0], { type: 'TextualBody', purpose: 'classifying', value: 'PERSON' });
  // The path is percent-encoded (space, &, non-ASCII), so the IRI is valid.
  assert.equal((e.target as J).source, 'urn:marginalia:news/Zo%C3%AB%20%26%20co/b%20file.md');
  assert.equal(e.id, 'urn:marginalia:news/Zo%C3%AB%20%26%20co/b%20file.md#e-3');
  const note = items.find((i) => i['marginalia:id'] === 'u-note-1')!;
  assert.equal(note.motivation, 'commenting');
  assert.equal(note.creator, undefined, 'a user annotation has no Software creator');
  // With a base, sources resolve under it; ids stay URNs.
  const based = JSON.parse(exportW3C(fixture(), { base: 'https://news.example.org/' })) as J;
  const b = ((based.first as J).items as J[]).find((i) => i['marginalia:id'] === 'e-3')!;
  assert.equal((b.target as J).source, 'https://news.example.org/news/Zo%C3%AB%20%26%20co/b%20file.md');
  assert.deepEqual(w3cViolations(based, textsBySource(based, fixture())), []);
});

test('W3C: rejected only on request, orphans never, and an empty collection has no page', () => {
  const { doc, problems } = exported({ includeRejected: true });
  const ids = ((doc.first as J).items as J[]).map((i) => i['marginalia:id']);
  assert.ok(ids.includes('e-rej'));
  assert.ok(!ids.includes('e-orph'));
  assert.ok(problems.some((p) => p.path === 'a.txt' && /1 orphaned annotation not exported/.test(p.message)));
  const empty = JSON.parse(exportW3C([{ path: 'x.txt', text: 'nothing', annotations: [] }])) as J;
  assert.equal(empty.total, 0);
  assert.equal(empty.first, undefined);
  assert.deepEqual(w3cViolations(empty, new Map()), []);
});

test('W3C: an annotation whose text moved since the sidecar was written is exported at its new place', () => {
  const [a] = fixture();
  const moved: ExportArticle = { ...a, text: 'A new first line.\r\n' + a.text };
  const problems: Problem[] = [];
  const doc = JSON.parse(exportW3C([moved], { report: (p) => problems.push(p) })) as J;
  const texts = new Map([['urn:marginalia:a.txt', moved.text]]);
  assert.deepEqual(w3cViolations(doc, texts), []);
  assert.equal(((doc.first as J).items as J[]).length, 6);
  assert.ok(problems.some((p) => p.id === 'e-1' && /moved/.test(p.message)));
  // Text that is gone: not exported, reported.
  const gone: ExportArticle = { ...a, text: 'Completely different text.' };
  const p2: Problem[] = [];
  const d2 = JSON.parse(exportW3C([gone], { report: (p) => p2.push(p) })) as J;
  assert.equal(d2.total, 0);
  assert.ok(p2.some((p) => p.id === 'q-1' && /no longer in the article/.test(p.message)));
});

test('W3C: a creation time that is not UTC is converted; one that is not a date is left out and reported', () => {
  const [a] = fixture();
  const odd: ExportArticle = { ...a, annotations: [{ ...a.annotations[2], created: '2026-01-01T01:00:00+01:00', modified: 'yesterday' }] };
  const problems: Problem[] = [];
  const doc = JSON.parse(exportW3C([odd], { report: (p) => problems.push(p) })) as J;
  const item = ((doc.first as J).items as J[])[0];
  assert.equal(item.created, '2026-01-01T00:00:00.000Z');
  assert.equal(item.modified, undefined);
  assert.deepEqual(problems.map((p) => p.message), ['its modification time "yesterday" is not a date; left out']);
});

test('W3C: a claim\'s verdict travels as an assessing body and comes back on import', () => {
  const articles = fixture();
  const claim = ann(A_TEXT, 'c-v', 'The 𝔘𝔑 sent 5,000 troops, officials said.', { kind: 'claim', verdict: 'Half true', note: 'Two counts published.' });
  articles[0] = { ...articles[0], annotations: [...articles[0].annotations, claim] };
  const doc = JSON.parse(exportW3C(articles)) as J;
  const item = ((doc.first as J).items as J[]).find((i) => i['marginalia:id'] === 'c-v')!;
  assert.ok((item.body as J[]).some((b) => b.purpose === 'assessing' && b.value === 'Half true'), JSON.stringify(item.body));
  assert.deepEqual(w3cViolations(doc, textsBySource(doc, articles)), []);
  const back = importW3C(JSON.stringify(doc), articles.map((a) => ({ path: a.path, text: a.text })));
  const got = back.annotations.get(articles[0].path)?.find((a) => a.id === 'c-v');
  assert.equal(got?.verdict, 'Half true');
  assert.equal(got?.note, 'Two counts published.');
});
