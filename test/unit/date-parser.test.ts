import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as chrono from 'chrono-node';
import { dateParsers, parseDates } from '../../src/core/entities/date-parser';

// What a date reading is, for comparing two parsers: where, what text, and every component with its certainty.
const reading = (results: chrono.ParsedResult[]) =>
  JSON.stringify(
    results.map((r) => ({
      index: r.index,
      text: r.text,
      start: r.start && Object.fromEntries(['year', 'month', 'day', 'weekday', 'hour', 'minute'].map((k) => [k, [r.start.get(k as chrono.Component), r.start.isCertain(k as chrono.Component)]])),
      end: r.end && r.end.date().toISOString(),
      tags: [...r.tags()].sort(),
    })),
  );

const REF = new Date('2021-12-30T12:00:00Z');
const same = (text: string) => assert.equal(reading(parseDates(text, REF, { forwardDate: false })), reading(chrono.parse(text, REF, { forwardDate: false })), text);

test('date parser: the copy without the two duration parsers lacks exactly those two', () => {
  const { full, lite } = dateParsers();
  assert.equal(full.parsers.length - lite.parsers.length, 2);
  // What they read: a duration before ago/later. Neither is in the copy.
  for (const text of ['3 days ago', 'two years later']) {
    assert.ok(full.parse(text, REF).length > 0, text);
    assert.equal(lite.parse(text, REF).length, 0, text);
  }
});

test('date parser: the same readings as chrono.parse for every number, unit and keyword the duration parsers know', () => {
  const numbers = ['3', '12', '2.5', 'one', 'twelve', 'a', 'an', 'half an', 'half', 'a few', 'few', 'several', 'the', 'a couple of', 'couple'];
  const units = ['s', 'sec', 'second', 'seconds', 'm', 'min', 'mins', 'minute', 'minutes', 'h', 'hr', 'hrs', 'hour', 'hours', 'd', 'day', 'days', 'w', 'week', 'weeks', 'mo', 'mon', 'mos', 'month', 'months', 'qtr', 'quarter', 'quarters', 'y', 'yr', 'year', 'years'];
  const keywords = ['ago', 'before', 'earlier', 'later', 'after', 'from now', 'henceforth', 'forward', 'out'];
  let read = 0;
  for (const n of numbers) {
    for (const u of units) {
      for (const k of keywords) {
        const text = `It happened about ${n} ${u} ${k}, on Thursday.`;
        same(text);
        // Run together, as chrono's repeated units allow, and in capitals.
        same(`Talks began 2 years${n === '3' ? '3' : ` ${n}`} ${u}  ${k.toUpperCase()} December 30.`);
        if (chrono.parse(text, REF).some((r) => r.text.includes(k))) read++;
      }
    }
  }
  assert.ok(read > 1000, `the duration parsers read ${read} of the phrases: the test must exercise them`);
});

test('date parser: the same readings as chrono.parse on real news (the seeds, line by line)', () => {
  const dir = path.join(__dirname, '..', '..', '..', 'seeds');
  const lines = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n'));
  assert.ok(lines.length > 50);
  for (const line of lines) same(line);
  for (const text of ['Zelenskiy spoke on Sunday, a day after Biden spoke with Putin.', 'Two years after the invasion of Crimea in 2014, talks stalled.', '2 days after December 30', 'The vote is 3 weeks from now.']) same(text);
});
