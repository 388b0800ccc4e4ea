import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseToken, tokenize } from '../../src/core/ner/tokenize';

const words = (text: string, start?: number, end?: number) => tokenize(text, start, end).map((t) => t.text);

function assertOffsets(text: string) {
  for (const t of tokenize(text)) {
    assert.equal(text.slice(t.start, t.end), t.text, `token ${JSON.stringify(t)} does not match its offsets`);
    assert.ok(!/\s/.test(t.text), `token ${JSON.stringify(t.text)} contains whitespace`);
  }
}

test('tokenize: curly quotes and possessives are split with exact offsets', () => {
  const text = '“We will respond,” Putin’s spokesman said.';
  assert.deepEqual(words(text), ['“', 'We', 'will', 'respond', ',', '”', 'Putin', '’s', 'spokesman', 'said', '.']);
  const putin = tokenize(text).find((t) => t.text === 'Putin')!;
  assert.equal(putin.start, text.indexOf('Putin'));
  assert.equal(putin.end, putin.start + 5);
  assertOffsets(text);
});

test('tokenize: clitics and plural possessives', () => {
  assert.deepEqual(words("Reuters' report: don't, can't, I'm, they'll, Germany's"), [
    'Reuters', "'", 'report', ':', 'do', "n't", ',', 'ca', "n't", ',', 'I', "'m", ',', 'they', "'ll", ',', 'Germany', "'s",
  ]);
  // CoNLL-style pre-split clitics stay whole.
  assert.deepEqual(words("Germany 's"), ['Germany', "'s"]);
  // Names with apostrophes are not split.
  assert.deepEqual(words('O’Neill and D\'Alema'), ['O’Neill', 'and', "D'Alema"]);
});

test('tokenize: abbreviations, initials and U.S.', () => {
  assert.deepEqual(words('the U.S. and the U.S.-led coalition'), ['the', 'U.S.', 'and', 'the', 'U.S.-led', 'coalition']);
  assert.deepEqual(words('Mr. Smith met J. R. R. Tolkien at 10:30 a.m. in St. Louis.'), [
    'Mr.', 'Smith', 'met', 'J.', 'R.', 'R.', 'Tolkien', 'at', '10:30', 'a.m.', 'in', 'St.', 'Louis', '.',
  ]);
  assert.deepEqual(words('It ended.'), ['It', 'ended', '.']);
  assert.deepEqual(words('Washington, D.C. is'), ['Washington', ',', 'D.C.', 'is']);
});

test('tokenize: numbers, currency, hyphens and dashes', () => {
  assert.deepEqual(words('$1,000.50 (5%) on 1996-08-22 -- HK$3 Anglo-Dutch Biden—who'), [
    '$', '1,000.50', '(', '5', '%', ')', 'on', '1996-08-22', '--', 'HK$', '3', 'Anglo-Dutch', 'Biden', '—', 'who',
  ]);
  assert.deepEqual(words('Wait... what…'), ['Wait', '...', 'what', '…']);
});

test('tokenize: emoji and astral characters keep their surrogate pairs', () => {
  const text = 'Great 👍🏽 news 👨‍👩‍👧! 𝐁𝐨𝐥𝐝 Łódź';
  assert.deepEqual(words(text), ['Great', '👍🏽', 'news', '👨‍👩‍👧', '!', '𝐁𝐨𝐥𝐝', 'Łódź']);
  assertOffsets(text);
  const lodz = tokenize(text).at(-1)!;
  assert.equal(lodz.end, text.length);
});

test('tokenize: CRLF, NBSP and zero-width spaces are whitespace', () => {
  const text = 'Line one.\r\nLine\u00a0two\u200bthree.\r\n';
  assert.deepEqual(words(text), ['Line', 'one', '.', 'Line', 'two', 'three', '.']);
  assertOffsets(text);
});

test('tokenize: a sub-range gives offsets into the whole text', () => {
  const text = 'First sentence. Angela Merkel spoke.';
  const start = text.indexOf('Angela');
  const toks = tokenize(text, start, text.length);
  assert.deepEqual(toks.map((t) => t.text), ['Angela', 'Merkel', 'spoke', '.']);
  assert.equal(toks[0].start, start);
  assert.deepEqual(tokenize(text, 3, 3), []);
});

test('tokenize: URLs stay whole without trailing punctuation', () => {
  assert.deepEqual(words('See https://example.com/a?b=c, then'), ['See', 'https://example.com/a?b=c', ',', 'then']);
});

test('normaliseToken maps typography to CoNLL-style ASCII', () => {
  assert.equal(normaliseToken('’s'), "'s");
  assert.equal(normaliseToken('“'), '"');
  assert.equal(normaliseToken('—'), '--');
  assert.equal(normaliseToken('…'), '...');
  assert.equal(normaliseToken('O’Neill'), "O'Neill");
  assert.equal(normaliseToken('Łódź'), 'Łódź');
  assert.equal(normaliseToken('Mr'), 'Mr.', 'British-style titles get the period the training data has');
  assert.equal(normaliseToken('US'), 'U.S.');
});
