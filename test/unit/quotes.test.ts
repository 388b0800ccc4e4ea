import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticles, type Quote } from '../../src/core';
import { loadRecogniser } from '../../src/node/recogniser';

function quotesOf(body: string): Quote[] {
  const text = `Headline\n${body}\n`;
  return analyzeArticles([{ path: 'a.txt', text }], { recogniser: loadRecogniser() }).documents[0].quotes;
}

test('curly quote with a post-quote cue: `,” said Ushakov` resolves to the full name', () => {
  const q = quotesOf('Yuri Ushakov is an adviser.\n“That would be a colossal mistake,” said Ushakov.');
  assert.equal(q.length, 1);
  assert.equal(q[0].text, 'That would be a colossal mistake,');
  assert.equal(q[0].speaker?.name, 'Yuri Ushakov');
  assert.equal(q[0].cue?.text, 'said');
  assert.equal(q[0].kind, 'speech');
});

test('straight double quotes and a speaker before the cue', () => {
  const q = quotesOf('Jen Psaki said: "We will respond decisively if Russia invades."');
  assert.equal(q[0].text, 'We will respond decisively if Russia invades.');
  assert.equal(q[0].speaker?.name, 'Jen Psaki');
});

test('`he said` resolves to the last person named', () => {
  const q = quotesOf('Steven Pifer served as ambassador. "It is possible," he said.');
  assert.equal(q[0].speaker?.name, 'Steven Pifer');
});

test('a role speaks when no name is given, and `the official` takes the earlier role', () => {
  const q = quotesOf('A senior administration official briefed reporters.\n“There will be no discussions without our partners,” the official said.');
  assert.equal(q[0].speaker?.name, 'A senior administration official');
});

test('a missing closing mark ends with its paragraph and does not swallow the article', () => {
  const q = quotesOf('He said “this never closes.\nNext paragraph with “a real quote” said Biden.');
  assert.equal(q.length, 2);
  assert.equal(q[0].text, 'this never closes.');
  assert.equal(q[1].text, 'a real quote');
});

test('a doubled closing mark shortly after does not start a new quote', () => {
  const q = quotesOf('Psaki said Biden “will respond if Russia continues.” continued invasion.” Then more text follows here.');
  assert.equal(q.length, 1);
  assert.equal(q[0].text, 'will respond if Russia continues.” continued invasion.');
});

test('a quote running over a paragraph break (next paragraph re-opens): one record a paragraph, one speaker', () => {
  const q = quotesOf('“The first paragraph of the statement goes on.\n“And the second paragraph ends it,” Blinken said.');
  assert.equal(q.length, 2);
  assert.equal(q[0].text, 'The first paragraph of the statement goes on.');
  assert.equal(q[1].text, 'And the second paragraph ends it,');
  assert.equal(q[0].speaker?.name, 'Blinken');
  assert.equal(q[1].speaker?.name, 'Blinken');
});

test("doubled apostrophes stand for double marks (''like this'')", () => {
  const q = quotesOf("''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist. ''It's anti-reform.''");
  assert.deepEqual(q.map((x) => x.text), ["This isn't tax reform,", "It's anti-reform."]);
  assert.equal(q[0].speaker?.name, 'Douglas Holtz-Eakin');
});

test('nested quotes stay inside the outer quote; apostrophes are not marks', () => {
  const q = quotesOf('“Russia’s answer was ‘no’ and we’ve heard it,” the minister said.');
  assert.equal(q.length, 1);
  assert.equal(q[0].text, 'Russia’s answer was ‘no’ and we’ve heard it,');
});

test('scare quotes are marked, with no speaker', () => {
  const q = quotesOf('The so-called “peacekeepers” arrived in the region on Monday.');
  assert.equal(q[0].kind, 'scare');
  assert.equal(q[0].speaker, null);
});

test('stray markup with curly marks is not a quote', () => {
  const q = quotesOf('[time-brightcove not-tgx=”true”]\nNothing quoted here.');
  assert.equal(q.length, 0);
});

test('two quotes of one sentence, each beside its own speech verb, do not trade speakers', () => {
  // The ranking alone gives the first quote to the diplomat and the second to Seibert (each the other's verb).
  const q = quotesOf('Angela Merkel met the prime minister in Rome on Monday.\nWhile Merkel, according to Steffen Seibert, was “pleased” with the talks, an Italian diplomat said the meeting was “tense and long.”');
  assert.deepEqual(q.map((x) => [x.text, x.speaker?.name]), [['pleased', 'Steffen Seibert'], ['tense and long.', 'an Italian diplomat']]);
});
