// No span of any kind crosses Markdown markup: entities, quotes (with speaker and cue) and claims cover only what a
// reader sees, never a link target, an image, emphasis marks, a footnote reference or inline HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticles, type DocumentResult } from '../../src/core';
import { parseMarkdown, visibleParts } from '../../src/core/document';
import { loadRecogniser } from '../../src/node/recogniser';

const ARTICLE = `# Biden and Putin discuss the Russia-[NATO](https://en.wikipedia.org/wiki/NATO) Council

WASHINGTON (Reuters) - [Joe Biden](https://example.com/people/biden) spoke with **Vladimir Putin** on Thursday in a call that lasted [50 minutes][call].

"We will *never* accept a deal over the heads of [Ukraine](https://example.org/ua)," Biden said, according to the [White House](https://www.whitehouse.gov).

Russia has massed 100,000 troops near the border, officials said.[^1]

![Putin at the Kremlin](https://example.com/putin.jpg "Vladimir Putin") Putin spoke from the Kremlin.

<span class="note">Jake Sullivan</span> told reporters the talks were "serious and _substantive_."

[call]: https://example.com/call-length
[^1]: According to Ukrainian intelligence, as reported by Reuters.
`;

/** Every character a reader does not see: the source offsets the parser blanked inside prose. */
function hiddenChars(source: string): Set<number> {
  const doc = parseMarkdown('a.md', source);
  const out = new Set<number>();
  for (const h of doc.hidden) for (let i = h.start; i < h.end; i++) if (/\S/.test(source[i])) out.add(i);
  return out;
}

function spansOf(d: DocumentResult): { what: string; start: number; end: number }[] {
  return [
    ...d.entities.map((e) => ({ what: `${e.type} ${e.text}`, start: e.start, end: e.end })),
    ...d.quotes.flatMap((q) => [
      { what: `quote ${q.text}`, start: q.start, end: q.end },
      ...(q.speaker ? [{ what: `speaker ${q.speaker.name}`, start: q.speaker.start, end: q.speaker.end }] : []),
      ...(q.cue ? [{ what: `cue ${q.cue.text}`, start: q.cue.start, end: q.cue.end }] : []),
    ]),
    ...d.claims.map((c) => ({ what: `claim ${c.text}`, start: c.start, end: c.end })),
  ];
}

const result = analyzeArticles([{ path: 'a.md', text: ARTICLE }], { recogniser: loadRecogniser() });
const doc = result.documents[0];

test('the parser lists link targets, emphasis marks, images, footnote references and HTML as hidden', () => {
  const hidden = hiddenChars(ARTICLE);
  for (const s of ['](https://en.wikipedia.org/wiki/NATO)', '![Putin at the Kremlin](https://example.com/putin.jpg "Vladimir Putin")', '[^1]', '<span class="note">', '][call]']) {
    const at = ARTICLE.indexOf(s);
    assert.ok(at >= 0, s);
    assert.ok([...s].every((ch, i) => /\s/.test(ch) || hidden.has(at + i)), `${s} is hidden`);
  }
  // The markers of emphasis are hidden, the emphasised words are not.
  const never = ARTICLE.indexOf('*never*');
  assert.ok(hidden.has(never) && hidden.has(never + 6) && !hidden.has(never + 1) && !hidden.has(never + 5));
  assert.ok(!hidden.has(ARTICLE.indexOf('NATO]')), 'link text is visible');
});

test('no entity, quote, speaker, cue or claim covers a hidden character', () => {
  const hidden = hiddenChars(ARTICLE);
  const bad = spansOf(doc).filter((s) => [...Array(s.end - s.start).keys()].some((k) => hidden.has(s.start + k)));
  assert.deepEqual(bad, []);
  for (const e of doc.entities) assert.equal(e.text, ARTICLE.slice(e.start, e.end));
  assert.ok(!doc.entities.some((e) => /https?:|\]|\(/.test(e.text)), 'no URL or bracket in an entity');
});

test('names inside links and links inside names are found as the visible text', () => {
  const names = doc.entities.map((e) => `${e.type}:${e.text}`);
  assert.ok(names.includes('PERSON:Joe Biden'), names.join(', '));
  assert.ok(names.includes('ORG:NATO'), names.join(', '));
  assert.ok(names.includes('ORG:White House'), names.join(', '));
  assert.ok(names.includes('PLACE:Ukraine'), names.join(', '));
  assert.ok(names.some((n) => n === 'NUMBER:50 minutes'), names.join(', '));
  // The image's alt text and title are not prose: the only Putin mentions are the bold one, the title and the caption's.
  const putin = doc.entities.filter((e) => e.text.includes('Putin')).map((e) => e.start);
  assert.ok(!putin.some((s) => s > ARTICLE.indexOf('![') && s < ARTICLE.indexOf(') Putin spoke')), 'nothing from the image');
});

test('a quote with emphasis inside is split into visible pieces that share speaker, cue and the whole span', () => {
  const whole = ARTICLE.indexOf('"We will');
  const pieces = doc.quotes.filter((q) => q.partOf && q.partOf.start > whole - 2 && q.partOf.start < whole + 2);
  assert.ok(pieces.length >= 3, JSON.stringify(doc.quotes));
  assert.deepEqual(pieces.map((q) => q.text).slice(0, 3), ['We will', 'never', 'accept a deal over the heads of']);
  assert.equal(new Set(pieces.map((q) => q.speaker?.name)).size, 1);
  assert.match(pieces[0].speaker?.name ?? '', /Biden/);
  assert.equal(new Set(pieces.map((q) => JSON.stringify(q.partOf))).size, 1);
  // The quote in the HTML paragraph ends in emphasis: its pieces stop short of the underscores.
  const last = doc.quotes.filter((q) => q.start > ARTICLE.indexOf('told reporters'));
  assert.ok(last.length >= 1 && last.every((q) => !q.text.includes('_')), JSON.stringify(last));
});

test('a claim across markup is split, and a fact names its first piece by what a reader reads', () => {
  const claimPieces = doc.claims.filter((c) => c.partOf);
  assert.ok(claimPieces.length > 0);
  for (const c of claimPieces) assert.ok(c.start >= c.partOf!.start && c.end <= c.partOf!.end);
  const two = analyzeArticles([
    { path: 'a.md', text: 'Russia has moved [100,000 troops](https://example.com/x) to the border with Ukraine, the Pentagon said on Monday.\n' },
    { path: 'b.txt', text: 'Russia has moved 70,000 troops to the border with Ukraine, the Pentagon said on Monday.\n' },
  ], { recogniser: loadRecogniser() });
  const ref = two.facts.flatMap((f) => f.claims).find((r) => r.path === 'a.md');
  assert.ok(ref, JSON.stringify(two.facts));
  assert.equal(ref.text, 'Russia has moved 100,000 troops to the border with Ukraine, the Pentagon said on Monday.');
  assert.ok(two.documents[0].claims.some((c) => c.start === ref.start && c.end === ref.end && c.partOf), 'the ref names a piece');
});

test('visibleParts: a span with no markup comes back whole; pieces are trimmed of joining punctuation', () => {
  const text = 'Russia- NATO                Council';
  assert.deepEqual(visibleParts(text, [], { start: 0, end: text.length }), [{ start: 0, end: text.length }]);
  const hidden = [{ start: 7, end: 8 }, { start: 12, end: 28 }];
  assert.deepEqual(visibleParts(text, hidden, { start: 0, end: text.length }).map((p) => text.slice(p.start, p.end)), ['Russia', 'NATO', 'Council']);
});

test('plain text is untouched: no hidden markup, spans as before', () => {
  const plain = analyzeArticles([{ path: 'a.txt', text: 'Joe Biden spoke with *Vladimir Putin* on Thursday.\n' }], { recogniser: loadRecogniser() }).documents[0];
  assert.ok(plain.entities.some((e) => e.text === 'Joe Biden'));
  assert.ok(!plain.quotes.some((q) => q.partOf) && !plain.claims.some((c) => c.partOf));
});
