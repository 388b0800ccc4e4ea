import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticles, type AnalysisResult } from '../../src/core';
import { loadRecogniser } from '../../src/node/recogniser';

const analyse = (texts: Record<string, string>): AnalysisResult =>
  analyzeArticles(Object.entries(texts).map(([path, text]) => ({ path, text })), { recogniser: loadRecogniser() });

test('facts: one long sentence can state two facts, each found with its own partner', () => {
  const r = analyse({
    'a.txt': 'Officials said Moscow requested the phone call between the two presidents, which came as Russia denied any plans to launch an invasion of Ukraine and accused NATO of provocations.',
    'b.txt': 'The phone call was requested by Moscow, the White House said on Friday.\nRussia denies any plans to launch an invasion of Ukraine and accuses NATO of provocations near its borders.',
  });
  const about = (re: RegExp) => r.facts.find((f) => f.claims.some((c) => c.path === 'b.txt' && re.test(c.text ?? '')));
  const denial = about(/denies/);
  assert.ok(denial, JSON.stringify(r.facts, null, 1));
  assert.deepEqual(denial.claims.map((c) => c.path).sort(), ['a.txt', 'b.txt']);
});

test('facts: a bare year or weekday shared by unrelated sentences is no fact', () => {
  const r = analyse({
    'a.txt': 'A 2014 study that appeared in a medical journal found that half of the television advice was unsupported.\nThe governor spoke to farmers on Monday about the drought.',
    'b.txt': 'A 2014 study by a law professor found 31 cases of voter impersonation among a billion ballots.\nThe senator met steel workers on Monday to discuss tariffs.',
  });
  assert.deepEqual(r.facts.map((f) => f.statement), []);
});

test('facts: sums of money in unrelated sentences, and poll shares in sentences holding several, make no discrepancy', () => {
  const r = analyse({
    'a.txt': 'Mexico buys nearly $250 billion worth of goods from the United States every year, the trade office said.\nIn the Gallup poll, Clinton leads Trump by 49 percent to 47 percent among likely voters.',
    'b.txt': 'Donations to political groups in the United States hit nearly $1.1 billion through August, filings show.\nIn the Reuters poll, Trump leads Clinton 47.1 percent to 41.7 percent among likely voters.',
  });
  assert.deepEqual(r.facts.filter((f) => !f.consistent).map((f) => f.discrepancy), []);
});
