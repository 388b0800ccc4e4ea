/**
 * Unit tests of the re-anchoring engine on small texts: each one a real situation from the issue.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyEdits,
  CodePointIndex,
  codePointToUtf16,
  describe as describeTarget,
  EditTracker,
  NormalizedText,
  reanchor,
  repeatsOf,
  utf16ToCodePoint,
} from '../../src/core/anchoring';
import type { AnchorTarget } from '../../src/core/anchoring';

const ARTICLE = [
  'During their phone conversation on Thursday, President Joe Biden warned Russian President Vladimir Putin of "severe sanctions" if Russia invaded Ukraine.',
  'In response to a question on Putin\'s reaction, Biden stated that the US and Russia would continue to work to resolve the problem.',
  'Russia has massed troops on Ukraine\'s border, raising fears of repeating Russia\'s invasion of Crimea.',
  'Putin has repeatedly expressed reservations about Ukraine joining NATO, the US-led alliance of European states.',
].join('\n');

/** Target for the n-th occurrence (0-based) of `quote` in `text`. */
function target(text: string, quote: string, n = 0): AnchorTarget {
  let at = -1;
  for (let k = 0; k <= n; k++) at = text.indexOf(quote, at + 1);
  assert.ok(at >= 0, `"${quote}" #${n} not in text`);
  return describeTarget(text, at, at + quote.length);
}

function nth(text: string, quote: string, n = 0): number {
  let at = -1;
  for (let k = 0; k <= n; k++) at = text.indexOf(quote, at + 1);
  return at;
}

// ---------------------------------------------------------------------------------------------
// describe

test('describe stores the quote with up to 32 units of context and the position', () => {
  const t = target(ARTICLE, 'Vladimir Putin');
  assert.equal(t.quote.exact, 'Vladimir Putin');
  assert.equal(t.quote.prefix, ' Biden warned Russian President ');
  assert.equal(t.quote.prefix.length, 32);
  assert.equal(t.quote.suffix, ' of "severe sanctions" if Russia');
  assert.deepEqual(t.position, { type: 'TextPositionSelector', start: ARTICLE.indexOf('Vladimir Putin'), end: ARTICLE.indexOf('Vladimir Putin') + 14 });
  const first = describeTarget(ARTICLE, 0, 6);
  assert.equal(first.quote.prefix, '');
  assert.equal(first.quote.exact, 'During');
});

test('describe does not cut a surrogate pair at the edge of the context', () => {
  const text = 'x'.repeat(10) + '😀' + 'z'.repeat(31) + 'Putin' + 'w'.repeat(31) + '😀' + 'y'.repeat(10);
  const s = text.indexOf('Putin');
  const t = describeTarget(text, s, s + 5);
  // 32 units back starts on the emoji's second half, 32 forward ends on its first half: both skipped.
  assert.equal(t.quote.prefix, 'z'.repeat(31));
  assert.equal(t.quote.suffix, 'w'.repeat(31));
});

// ---------------------------------------------------------------------------------------------
// reanchor: outside edits

test('unchanged text: every annotation anchored at its stored offsets', () => {
  const targets = ['Joe Biden', 'Putin', 'Ukraine', 'NATO'].map((q) => target(ARTICLE, q));
  const out = reanchor(ARTICLE, targets);
  assert.equal(out.length, targets.length);
  out.forEach((r, i) => {
    assert.equal(r.status, 'anchored');
    assert.equal(r.start, targets[i].position.start);
    assert.equal(r.end, targets[i].position.end);
  });
});

test('insertion before the span: the annotation moves by the inserted length', () => {
  const t = target(ARTICLE, 'Vladimir Putin');
  const inserted = 'Breaking news from Washington.\n';
  const [r] = reanchor(inserted + ARTICLE, [t]);
  assert.equal(r.status, 'moved');
  assert.equal(r.start, t.position.start + inserted.length);
  assert.equal(r.end, t.position.end + inserted.length);
});

test('a shifted mention of the same word at the old offset is not taken ("Russia" vs "Russian")', () => {
  // After inserting 7 units before it, the old offset of "Russia" holds another word; the position
  // alone would be wrong, the context check is not.
  const text = 'Russian troops. Russia said no to the sanctions proposed on Thursday by the West.';
  const t = target(text, 'Russia', 1);
  const edited = 'Troops. ' + text.replace('Russian troops. ', 'Russian troops massed. ');
  const [r] = reanchor(edited, [t]);
  assert.equal(r.status, 'moved');
  assert.equal(edited.slice(r.start, r.end), 'Russia');
  assert.equal(r.start, nth(edited, 'Russia said'));
});

test('typo inside a long span: re-anchored approximately over the edited text', () => {
  const sentence = 'Putin has repeatedly expressed reservations about Ukraine joining NATO';
  const t = target(ARTICLE, sentence);
  const edited = ARTICLE.replace('repeatedly expressed', 'repaetedly expressed');
  const [r] = reanchor(edited, [t]);
  assert.equal(r.status, 'anchored'); // same length, same place
  assert.equal(r.method, 'fuzzy');
  assert.equal(edited.slice(r.start, r.end), sentence.replace('repeatedly', 'repaetedly'));
  assert.ok(r.score! < 1);
});

test('typo inside a short name: orphaned, not attached to the same name elsewhere', () => {
  const t = target(ARTICLE, 'Putin', 0); // "Vladimir Putin of ..."
  const edited = ARTICLE.replace('Vladimir Putin', 'Vladimir Ptuin');
  const [r] = reanchor(edited, [t]);
  assert.equal(r.status, 'orphaned');
});

test('deleted span: orphaned, never dropped', () => {
  const targets = [target(ARTICLE, 'raising fears of repeating Russia\'s invasion of Crimea'), target(ARTICLE, 'NATO')];
  const edited = ARTICLE.replace(', raising fears of repeating Russia\'s invasion of Crimea', '');
  const out = reanchor(edited, targets);
  assert.equal(out.length, 2);
  assert.equal(out[0].status, 'orphaned');
  assert.equal(out[0].reason, 'not-found');
  assert.equal(out[1].status, 'moved');
  assert.equal(edited.slice(out[1].start, out[1].end), 'NATO');
});

test('mostly rewritten sentence: orphaned rather than re-attached', () => {
  const sentence = 'Biden stated that the US and Russia would continue to work to resolve the problem.';
  const t = target(ARTICLE, sentence);
  const edited = ARTICLE.replace(sentence, 'Biden said talks with Moscow would go on in January, without saying where.');
  const [r] = reanchor(edited, [t]);
  assert.equal(r.status, 'orphaned');
});

test('paragraph pasted next to itself: no guess between the two copies', () => {
  const lines = ARTICLE.split('\n');
  const targets = [target(ARTICLE, 'massed troops'), target(ARTICLE, 'Crimea'), target(ARTICLE, 'NATO')];
  const edited = [lines[0], lines[1], lines[2], lines[2], lines[3]].join('\n');
  const out = reanchor(edited, targets);
  assert.equal(out[0].status, 'orphaned');
  assert.equal(out[0].reason, 'ambiguous');
  assert.equal(out[1].status, 'orphaned');
  // The annotation outside the duplicated paragraph is unaffected.
  assert.equal(out[2].status, 'moved');
  assert.equal(edited.slice(out[2].start, out[2].end), 'NATO');
});

test('paragraph copied far away: orphaned, no guess (the text is the same as the paragraph moved there and a copy left behind)', () => {
  const filler = Array.from({ length: 8 }, (_, i) => `Paragraph ${i} talks about something else entirely, at some length.`);
  const text = [ARTICLE, ...filler].join('\n');
  const targets = [target(text, 'massed troops'), target(text, 'phone conversation')];
  const edited = text + '\n' + ARTICLE.split('\n')[2];
  const out = reanchor(edited, targets);
  assert.equal(out[0].status, 'orphaned');
  assert.equal(out[0].reason, 'ambiguous');
  // Text that has no twin keeps its place.
  assert.equal(out[1].status, 'anchored');
});

test('a paragraph that shares a phrase but not the annotated word is no twin: the annotation stays', () => {
  // Both paragraphs were in the article before (news repeats phrases); an edit between them makes the
  // anchors around the repeat disagree, so only the twin's content can clear it: "Moscow" is not in it.
  const phrase = 'a Russia-NATO session on January 12 and a broader conference on January 13 with the US and allies';
  const text = [
    `Officials said the talks would include ${phrase}, a senior official told reporters in Moscow on Friday.`,
    'Another paragraph about troops on the border, written at some length so it is not short at all.',
    `The meeting set the tone for ${phrase}, while Kyiv asked to be heard.`,
  ].join('\n');
  const t = target(text, 'Moscow');
  const edited = text.replace('Another paragraph about troops', 'A new paragraph about many more troops');
  const [r] = reanchor(edited, [t]);
  assert.equal(r.status, 'anchored');
  assert.equal(edited.slice(r.start, r.end), 'Moscow');
});

test('a paragraph the article repeated all along is told from a pasted copy by the stored fingerprint', () => {
  // A scraped article with one paragraph twice. An edit inside the second copy makes the anchors
  // around it disagree, so without the fingerprint the second copy is a twin no one vouches for.
  const repeated = 'Russia has massed troops on the border, raising fears of an invasion like that of Crimea in 2014.';
  const text = [ARTICLE.split('\n')[0], repeated, 'A senior official said the talks would go on in January, in Geneva.', repeated, 'Putin has expressed reservations about NATO.'].join('\n');
  const troops = target(text, 'massed troops');
  const targets = [troops, target(text, 'fears', 1), target(text, 'Crimea', 1), target(text, 'NATO')];
  const repeats = repeatsOf(text);
  assert.ok(repeats, 'the fingerprint lists the repeated windows');
  const edited = text.replace(/raising fears of an invasion like that of Crimea in 2014\.(?![\s\S]*raising)/, 'raising new fears of an invasion like that of Crimea in 2014.');
  assert.notEqual(edited, text);
  const at = nth(edited, 'massed troops');
  assert.equal(reanchor(edited, targets)[0].status, 'orphaned', 'without it: a twin, no guess');
  const [r] = reanchor(edited, targets, { repeats });
  assert.equal(r.status, 'anchored');
  assert.equal(r.start, at);
  // A third copy pasted: more copies than the article had, so the text cannot tell which is which.
  const pasted = edited + '\n' + repeated;
  assert.equal(reanchor(pasted, targets, { repeats })[0].status, 'orphaned');
  // A text repeating nothing has an empty fingerprint (the sidecar leaves it out).
  assert.equal(repeatsOf(ARTICLE), '');
});

test('a byline the biography below it starts with is told from a pasted copy by the fingerprint of line ends', () => {
  // "Aila Slisco" on its own line, then a biography that starts with the name: a line twin of the byline
  // too short to hold a sampled window. An edit inside the biography makes the anchors around it disagree.
  const text = [
    ARTICLE.split('\n')[0],
    'Aila Slisco',
    'Aila Slisco is a U.S. News Reporter based in London, covering politics, climate change and healthcare since 2023.',
    'Putin has expressed reservations about NATO.',
  ].join('\n');
  const targets = [target(text, 'Aila Slisco'), target(text, 'Biden'), target(text, 'London'), target(text, 'NATO')];
  const repeats = repeatsOf(text);
  const edited = text.replace('covering politics', 'covering US politics');
  assert.equal(reanchor(edited, targets)[0].status, 'orphaned', 'without it: a twin, no guess');
  const [r] = reanchor(edited, targets, { repeats });
  assert.equal(r.status, 'anchored');
  assert.equal(r.start, nth(edited, 'Aila Slisco'));
  // The byline pasted once more: three lines start with the name where the old text had two.
  const pasted = edited.replace('Putin has', 'Aila Slisco\nPutin has');
  assert.equal(reanchor(pasted, targets, { repeats })[0].status, 'orphaned');
});

test('a sentence of a paragraph pasted elsewhere is no twin of the paragraph\'s other sentences', () => {
  // The second sentence of the first paragraph is pasted into the third; "Putin" of the first sentence is
  // near where a copy of it would be, but the copy holds only the second sentence: "Putin" keeps its place.
  const second = 'He said the United States and its allies would respond decisively if Russia invaded Ukraine again this winter.';
  const text = [
    `On Thursday, Putin warned in a long telephone call with the American president that new sanctions would be a colossal mistake. ${second}`,
    'A senior official said the talks would go on in January, in Geneva, with the allies.',
    'The Kremlin said Putin and Biden had agreed to keep talking before the talks in Geneva in January.',
  ].join('\n');
  const targets = [target(text, 'Putin'), target(text, 'Geneva'), target(text, 'Kremlin')];
  const edited = text.replace('agreed to keep talking', `agreed to keep talking. ${second} Both sides`).replace('A senior official said', 'A senior US official said');
  const [r] = reanchor(edited, targets, { repeats: repeatsOf(text) });
  assert.equal(r.status, 'anchored');
  assert.equal(r.start, nth(edited, 'Putin'));
});

test('a short line is no twin of a long paragraph that merely starts with the same few letters', () => {
  // "Biden2" (a scraped byline) shares "Bid" with the paragraph below it, half of the short line: not a copy.
  const text = [ARTICLE.split('\n')[0], 'Biden2', 'Bidens and Putins have spoken many times over the years, and the talks went on in Geneva in January.', 'Putin has expressed reservations about NATO.'].join('\n');
  const targets = [target(text, 'Biden', 1), target(text, 'Geneva'), target(text, 'NATO')];
  const edited = text.replace('many times', 'a great many times');
  const [r] = reanchor(edited, targets);
  assert.equal(r.status, 'anchored');
  assert.equal(r.start, nth(edited, 'Biden2'));
});

test('a paragraph-initial word is not found inside another paragraph after a deletion joined the two', () => {
  // "Putin warns of rupture of US-Russia relationship over Ukraine\nRussia has massed ..." loses
  // "elationship over Ukraine\nRussi": the "Russia" of "US-Russia" now sits before " ra has massed".
  const text = [
    'The talks began on Thursday after weeks of warnings from both capitals and their allies.',
    'Putin warns of rupture of US-Russia relationship over Ukraine',
    "Russia has massed troops on Ukraine's border, raising fears of an invasion, officials said.",
  ].join('\n');
  const t = target(text, 'Russia', 1); // the third paragraph's first word
  assert.equal(t.position.start, text.indexOf('Russia has'));
  const edited = text.replace('elationship over Ukraine\nRussi', '');
  assert.ok(edited.includes('US-Russia ra has massed'));
  const [r] = reanchor(edited, [t]);
  assert.equal(r.status, 'orphaned');
});

test('part of a word keeps the rest of its word: "Fed" of "FedEx" is not the "Fed" of "Fedskins"', () => {
  // A deletion from inside "FedEx" to inside "Redskins" leaves "F" + "edskins": the same three units
  // at the same place, two of them from another word.
  const text = 'See also the FedEx letter to Redskins: modify the name or lose the sponsor, it said on Friday.';
  const t = target(text, 'Fed');
  const edited = text.replace('FedEx letter to R', 'F');
  assert.ok(edited.includes('the Fedskins:'));
  const [r] = reanchor(edited, [t]);
  assert.equal(r.status, 'orphaned');
  // Unchanged, it is found where it was.
  assert.equal(reanchor(text, [t])[0].status, 'anchored');
});

test('paragraph moved by pasting a copy and deleting the original: found at the copy (as a move)', () => {
  const lines = ARTICLE.split('\n');
  const t = target(ARTICLE, "massed troops on Ukraine's border");
  const edited = [lines[0], lines[1], lines[3], lines[2]].join('\n');
  const [r] = reanchor(edited, [t]);
  assert.equal(r.status, 'moved');
  assert.equal(r.start, edited.indexOf('massed troops'));
  assert.equal(r.end, r.start + "massed troops on Ukraine's border".length);
});

test('moved paragraph: a mid-paragraph annotation follows it', () => {
  const lines = ARTICLE.split('\n');
  const t = target(ARTICLE, 'Ukraine joining NATO');
  const edited = [lines[3], lines[0], lines[1], lines[2]].join('\n');
  const [r] = reanchor(edited, [t]);
  assert.equal(r.status, 'moved');
  assert.equal(r.start, edited.indexOf('Ukraine joining NATO'));
});

test('LF -> CRLF: offsets map to the CRLF text', () => {
  const targets = [target(ARTICLE, 'NATO'), target(ARTICLE, 'Crimea'), target(ARTICLE, 'During')];
  const crlf = ARTICLE.replace(/\n/g, '\r\n');
  const out = reanchor(crlf, targets);
  assert.equal(out[0].status, 'moved');
  assert.equal(out[0].start, crlf.indexOf('NATO'));
  assert.equal(crlf.slice(out[1].start, out[1].end), 'Crimea');
  assert.equal(out[2].status, 'anchored'); // before the first line break: nothing shifts
});

test('CRLF -> LF and a span containing a line break map back', () => {
  const crlf = ARTICLE.replace(/\n/g, '\r\n');
  const s = crlf.indexOf('Ukraine.\r\nIn response');
  const t = describeTarget(crlf, s, s + 'Ukraine.\r\nIn response'.length);
  const [r] = reanchor(ARTICLE, [t]);
  assert.equal(ARTICLE.slice(r.start, r.end), 'Ukraine.\nIn response');
  const [back] = reanchor(crlf, [t]);
  assert.equal(back.status, 'anchored');
});

test('curly/straight quote swap in the context or the quote does not lose the annotation', () => {
  const t = target(ARTICLE, '"severe sanctions"');
  const edited = ARTICLE.replace('"severe sanctions"', '“severe sanctions”');
  const [r] = reanchor(edited, [t]);
  assert.equal(r.status, 'anchored');
  assert.equal(edited.slice(r.start, r.end), '“severe sanctions”');
});

test('emoji inserted before the span: shifted by its UTF-16 length (2, a flag 4)', () => {
  const t = target(ARTICLE, 'Vladimir Putin');
  const withEmoji = ARTICLE.replace('Vladimir Putin', '😀 Vladimir Putin');
  const [r] = reanchor(withEmoji, [t]);
  assert.equal(r.start, t.position.start + 3);
  const withFlag = ARTICLE.replace('Vladimir Putin', '🇺🇦Vladimir Putin');
  const [f] = reanchor(withFlag, [t]);
  assert.equal(f.start, t.position.start + 4);
  assert.equal(withFlag.slice(f.start, f.end), 'Vladimir Putin');
});

test('empty quote: orphaned with a reason; results come back in input order', () => {
  const good = target(ARTICLE, 'Crimea');
  const empty: AnchorTarget = { position: { type: 'TextPositionSelector', start: 3, end: 3 }, quote: { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' } };
  const out = reanchor(ARTICLE, [empty, good]);
  assert.deepEqual(out[0], { status: 'orphaned', reason: 'empty' });
  assert.equal(out[1].status, 'anchored');
});

// ---------------------------------------------------------------------------------------------
// applyEdits: in-editor replay

test('applyEdits: insertion before shifts, insertion after leaves alone', () => {
  const t = target(ARTICLE, 'Joe Biden');
  const [a] = applyEdits([t], [{ offset: 0, deleteLength: 0, insertText: 'Hello. ' }]);
  assert.deepEqual([a.status, a.start, a.end], ['moved', t.position.start + 7, t.position.end + 7]);
  const [b] = applyEdits([t], [{ offset: t.position.end + 5, deleteLength: 3, insertText: '' }]);
  assert.deepEqual([b.status, b.start, b.end], ['anchored', t.position.start, t.position.end]);
});

test('applyEdits: typing at either edge does not grow the span; inside it does', () => {
  const t = target(ARTICLE, 'Vladimir Putin');
  const { start, end } = t.position;
  const [edge] = applyEdits([t], [
    { offset: end, deleteLength: 0, insertText: "'s" },
    { offset: start, deleteLength: 0, insertText: 'Mr ' },
  ]);
  assert.deepEqual([edge.start, edge.end, edge.damage], [start + 3, end + 3, 0]);
  const [inside] = applyEdits([t], [{ offset: start + 8, deleteLength: 0, insertText: ' V.' }]);
  assert.deepEqual([inside.status, inside.start, inside.end], ['moved', start, end + 3]);
  assert.ok(inside.damage > 0 && inside.damage < 0.5);
});

test('applyEdits: deleting the span (or most of it) orphans it', () => {
  const t = target(ARTICLE, 'Vladimir Putin');
  const { start, end } = t.position;
  const [gone] = applyEdits([t], [{ offset: start - 1, deleteLength: end - start + 2, insertText: ' ' }]);
  assert.equal(gone.status, 'orphaned');
  const [most] = applyEdits([t], [{ offset: start, deleteLength: 9, insertText: 'Mr ' }]);
  assert.equal(most.status, 'orphaned');
  assert.ok(most.damage >= 0.5);
});

test('applyEdits: a fixed typo keeps a name; damage adds up across events in one tracker', () => {
  const t = target(ARTICLE, 'Vladimir Putin');
  const { start } = t.position;
  const tracker = new EditTracker([t]);
  tracker.apply([{ offset: start + 10, deleteLength: 1, insertText: 'x' }]); // "Vladimir Pxtin"
  assert.equal(tracker.results()[0].status, 'anchored');
  tracker.apply([{ offset: start + 11, deleteLength: 1, insertText: 'y' }]);
  tracker.apply([{ offset: start + 12, deleteLength: 1, insertText: 'z' }]);
  const r = tracker.results()[0];
  assert.equal(r.status, 'anchored'); // 6 of 14 units changed: still the same name, edited
  assert.ok(Math.abs(r.damage - 6 / 14) < 1e-9);
  tracker.apply([{ offset: start + 13, deleteLength: 1, insertText: 'w' }]);
  assert.equal(tracker.results()[0].status, 'orphaned'); // 8 of 14 units changed
});

test('applyEdits: a moved paragraph (cut + paste) orphans its annotations; reanchor finds them', () => {
  const lines = ARTICLE.split('\n');
  const t = target(ARTICLE, 'Ukraine joining NATO');
  const cut = ARTICLE.indexOf(lines[3]) - 1;
  const pasted = [lines[3], lines[0], lines[1], lines[2]].join('\n');
  const [r] = applyEdits([t], [
    { offset: cut, deleteLength: lines[3].length + 1, insertText: '' },
    { offset: 0, deleteLength: 0, insertText: lines[3] + '\n' },
  ]);
  assert.equal(r.status, 'orphaned');
  const [again] = reanchor(pasted, [t]);
  assert.equal(pasted.slice(again.start, again.end), 'Ukraine joining NATO');
});

// ---------------------------------------------------------------------------------------------
// UTF-16 <-> code points

test('code-point conversion with emoji (2 units) and flags (4 units)', () => {
  const text = 'a😀b🇺🇦c';
  // units: a(0) 😀(1,2) b(3) 🇺(4,5) 🇦(6,7) c(8)
  assert.equal(text.length, 9);
  assert.equal(utf16ToCodePoint(text, 0), 0);
  assert.equal(utf16ToCodePoint(text, 3), 2);
  assert.equal(utf16ToCodePoint(text, 8), 5);
  assert.equal(utf16ToCodePoint(text, 9), 6);
  assert.equal(utf16ToCodePoint(text, 2), 1); // inside the emoji: rounds down
  assert.equal(codePointToUtf16(text, 2), 3);
  assert.equal(codePointToUtf16(text, 5), 8);
  assert.equal(codePointToUtf16(text, 99), 9);
  const idx = new CodePointIndex(text);
  for (let o = 0; o <= text.length; o++) assert.equal(idx.toCodePoint(o), utf16ToCodePoint(text, o), `toCodePoint(${o})`);
  for (let c = 0; c <= 7; c++) assert.equal(idx.toUtf16(c), codePointToUtf16(text, c), `toUtf16(${c})`);
  // Round trip at every code-point boundary.
  for (let c = 0; c <= 6; c++) assert.equal(utf16ToCodePoint(text, codePointToUtf16(text, c)), c);
});

test('NormalizedText maps normalised offsets back to CRLF offsets', () => {
  const raw = 'ab\r\ncd\r\n\r\nef';
  const nt = new NormalizedText(raw);
  assert.equal(nt.text, 'ab\ncd\n\nef');
  for (let n = 0; n <= nt.text.length; n++) {
    const r = nt.toRaw(n);
    assert.equal(raw.slice(0, r).replace(/\r\n/g, '\n').length, n);
    assert.equal(nt.fromRaw(r), n);
  }
  assert.equal(nt.toRaw(2), 2); // before the CR of the first line end
  assert.equal(nt.fromRaw(3), 2); // between CR and LF: the line end
});

test('malformed targets (missing fields, NaN offsets) are orphaned, not thrown on', () => {
  const bad = [
    { position: { type: 'TextPositionSelector', start: Number.NaN, end: 5 }, quote: { type: 'TextQuoteSelector', exact: 'Putin', prefix: '', suffix: '' } },
    { position: undefined, quote: undefined },
    { position: { type: 'TextPositionSelector', start: 1e9, end: 1e9 + 5 }, quote: { type: 'TextQuoteSelector', exact: 'Crimea', prefix: 'invasion of ', suffix: '.' } },
  ] as unknown as AnchorTarget[];
  const out = reanchor(ARTICLE, bad);
  assert.equal(out.length, 3);
  assert.equal(out[1].status, 'orphaned');
  // A usable quote and context still find their place even with a useless position.
  assert.equal(ARTICLE.slice(out[2].start, out[2].end), 'Crimea');
});
