import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticles, type Quote } from '../../src/core';
import { loadRecogniser } from '../../src/node/recogniser';

// A few news paragraphs written for this test (no corpus text), in the styles the speaker chooser meets:
// a cue after the quote, a colon before it, a role, a pronoun, an `according to` source, a continuation,
// a quote running over paragraphs, and a scare quote.
const PLAIN = [
  'Mayor Warns of Budget Gap as Council Weighs Cuts',
  '',
  'Mayor Linda Okafor told the city council on Tuesday that the city faces a $40 million shortfall next year.',
  '',
  '“We cannot keep borrowing against the future,” Okafor said. “Every department will have to find savings.”',
  '',
  'Council member Raymond Ibsen disagreed: “The mayor is asking the poorest neighborhoods to pay for a decade of bad planning.”',
  '',
  'A spokeswoman for the transit authority said the agency had not been consulted. “We learned about the proposal from the newspaper,” the spokeswoman said.',
  '',
  'According to the city’s budget office, the cuts would be “painful but manageable” if the state restores its aid.',
  '',
  'Ibsen, who chairs the finance committee, said he would hold hearings in every district. “People deserve to be heard before anything is decided,” he said.',
  '',
  '“The numbers are not in dispute,” said Maria Delgado, an economist at the state university. “What is in dispute is who carries the burden.',
  '',
  '“If the cuts fall on buses and libraries, the people who depend on them most will notice first.”',
  '',
  'Critics have called the plan a “reset” in name only.',
].join('\n');

/** The same article as a Markdown author would write it: a heading, links on names and places, emphasis inside quotes. */
function toMarkdown(plain: string): string {
  return plain
    .replace(/^Mayor Warns of Budget Gap as Council Weighs Cuts$/m, '# Mayor Warns of Budget Gap as Council Weighs Cuts')
    .replace('Mayor Linda Okafor', 'Mayor [Linda Okafor](https://example.org/people/okafor)')
    .replace('Council member Raymond Ibsen', 'Council member **Raymond Ibsen**')
    .replace('the poorest neighborhoods', 'the *poorest* neighborhoods')
    .replace('from the newspaper', 'from [the newspaper](https://example.org/news)')
    .replace('Maria Delgado', '[Maria Delgado](https://example.org/delgado)')
    .replace('who carries the burden', 'who _carries_ the burden')
    .replace('the people who depend', 'the people who **depend**');
}

/** What a reader sees of a span of Markdown: link targets, emphasis marks and heading marks dropped. */
function visible(s: string): string {
  return s.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_]+/g, '').replace(/^#+\s*/, '').replace(/\s+/g, ' ').trim();
}

interface Said { text: string; speaker: string | null; kind: string }

/** One record per quote: the pieces of a quote cut at markup are grouped by `partOf` (the whole quote's span). */
function said(source: string, quotes: readonly Quote[]): Said[] {
  const groups = new Map<string, Quote[]>();
  for (const q of quotes) {
    const key = q.partOf ? `${q.partOf.start}:${q.partOf.end}` : `${q.start}:${q.end}`;
    groups.set(key, [...(groups.get(key) ?? []), q]);
  }
  return [...groups.entries()].map(([key, pieces]) => {
    const [start, end] = key.split(':').map(Number);
    const speakers = new Set(pieces.map((p) => p.speaker?.name ?? null));
    assert.equal(speakers.size, 1, `the pieces of one quote share its speaker: ${[...speakers].join(' / ')}`);
    return { text: visible(source.slice(start, end)), speaker: pieces[0].speaker?.name ?? null, kind: pieces[0].kind };
  });
}

test('Markdown form of an article: the same quotes and speakers as its plain text', () => {
  const markdown = toMarkdown(PLAIN);
  assert.notEqual(markdown, PLAIN);
  const result = analyzeArticles([{ path: 'article.txt', text: PLAIN }, { path: 'article.md', text: markdown }], { recogniser: loadRecogniser() });
  const plain = said(PLAIN, result.documents[0].quotes);
  const md = said(markdown, result.documents[1].quotes);
  assert.deepEqual(md, plain);
  // Some of the Markdown quotes really were cut at markup, so the grouping above was exercised.
  assert.ok(result.documents[1].quotes.some((q) => q.partOf), 'a quote with emphasis inside is cut into pieces');
  // And the plain reading is itself sensible: the speakers a reader would name.
  const by = (needle: string) => plain.find((q) => q.text.includes(needle));
  assert.match(by('keep borrowing')?.speaker ?? '', /Okafor/);
  assert.match(by('Every department')?.speaker ?? '', /Okafor/);
  assert.match(by('poorest neighborhoods')?.speaker ?? '', /Ibsen/);
  assert.match(by('from the newspaper')?.speaker ?? '', /spokeswoman/i);
  assert.match(by('deserve to be heard')?.speaker ?? '', /Ibsen/);
  assert.match(by('not in dispute')?.speaker ?? '', /Delgado/);
  assert.match(by('buses and libraries')?.speaker ?? '', /Delgado/);
  assert.equal(by('reset')?.kind, 'scare');
});
