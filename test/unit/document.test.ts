import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArticle } from '../../src/core/document';

test('plain text: every non-empty line is a paragraph, the first is the title', () => {
  const src = 'Title line\n\nFirst paragraph. Second sentence.\nNext paragraph without blank line.\n';
  const doc = parseArticle('a.txt', src);
  assert.equal(doc.format, 'text');
  assert.deepEqual(doc.blocks.map((b) => [b.kind, src.slice(b.start, b.end)]), [
    ['heading', 'Title line'],
    ['paragraph', 'First paragraph. Second sentence.'],
    ['paragraph', 'Next paragraph without blank line.'],
  ]);
  assert.deepEqual(doc.sentences.map((s) => src.slice(s.start, s.end)), ['Title line', 'First paragraph.', 'Second sentence.', 'Next paragraph without blank line.']);
});

test('sentences do not end at abbreviations, initials or U.S.', () => {
  const src = 'Mr. Putin met U.S. officials in Wilmington, Del. on Jan. 10. Then J. Smith left.';
  const doc = parseArticle('a.txt', 'T\n' + src);
  const sentences = doc.sentences.slice(1).map((s) => doc.source.slice(s.start, s.end));
  assert.deepEqual(sentences, ['Mr. Putin met U.S. officials in Wilmington, Del. on Jan. 10.', 'Then J. Smith left.']);
});

test('CRLF and a BOM keep offsets exact', () => {
  const src = '\ufeffHeadline\r\n\r\nBiden spoke.\r\n';
  const doc = parseArticle('a.txt', src);
  assert.equal(doc.text.length, src.length);
  const p = doc.blocks[1];
  assert.equal(src.slice(p.start, p.end), 'Biden spoke.');
});

test('markdown: headings and paragraphs from remark, markup blanked at the same offsets', () => {
  const src = '---\ntitle: x\ndate: 2021-12-30\n---\n# Biden and **Putin** talk\n\nA [link to Kyiv](https://example.com/kyiv) and `code`.\n\n```\nnot prose\n```\n';
  const doc = parseArticle('story.md', src);
  assert.equal(doc.format, 'markdown');
  assert.equal(doc.text.length, src.length);
  assert.deepEqual(doc.blocks.map((b) => b.kind), ['heading', 'paragraph']);
  const heading = doc.text.slice(doc.blocks[0].start, doc.blocks[0].end);
  assert.match(heading, /^Biden and {3}Putin {3}talk$/);
  const para = doc.text.slice(doc.blocks[1].start, doc.blocks[1].end);
  assert.ok(para.includes('link to Kyiv'));
  assert.ok(!para.includes('https'), 'link targets are not prose');
  assert.ok(!doc.text.includes('not prose'), 'code blocks are blanked');
  assert.ok(!doc.text.includes('title: x'), 'front matter is blanked');
});

test('astral characters count as two UTF-16 units', () => {
  const src = 'T\n🇺🇦 Zelensky spoke.';
  const doc = parseArticle('a.txt', src);
  const s = doc.sentences[1];
  assert.equal(src.slice(s.start, s.end), '🇺🇦 Zelensky spoke.');
});
