import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isSpaceUnit, splitCount } from '../../src/core/text/words';

test('isSpaceUnit agrees with /\\s/ on every UTF-16 unit', () => {
  for (let c = 0; c < 0x10000; c++) assert.equal(isSpaceUnit(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
});

test('splitCount is s.split(/\\s+/).length, edges and random strings', () => {
  const cases = ['', ' ', 'a', ' a', 'a ', '  a  b  ', 'a\u00a0b', 'one\ttwo\nthree\r\nfour', '\u2028\u3000x\ufeff'];
  const parts = ['a', 'Biden', ' ', '  ', '\n', '\u00a0', '\u2009', '-', '“', '\u200b'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < 2000; i++) cases.push(Array.from({ length: next() % 12 }, () => parts[next() % parts.length]).join(''));
  for (const s of cases) assert.equal(splitCount(s), s.split(/\s+/).length, JSON.stringify(s));
});

test('splitCount with a bound stops past it, and is exact up to it', () => {
  const s = 'one two three four five six seven eight nine ten';
  assert.equal(splitCount(s, 20), 10);
  assert.ok(splitCount(s, 8) > 8);
  assert.equal(splitCount('a b c', 3), 3);
});
