import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticles, type AnalysisResult } from '../../src/core';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLAIM_THRESHOLD, scoreSentence } from '../../src/core/claims/claims';
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

test('facts: a sentence under the claim threshold that another article states about the same actors becomes a claim of a fact', () => {
  const texts = {
    'a.txt': 'The storm hit the coast overnight.\nThe seizure of Harwell Bank by Ohio regulators was one of the worst moments for Governor Jane Porter in her long career.\nOfficials counted the damage on Friday.',
    'b.txt': 'Rain fell for hours across the region.\nThe seizure of Harwell Bank by Ohio regulators, one of the worst moments of Governor Jane Porter’s long career, still shapes her campaign.\nVoters go to the polls next spring.',
  };
  const r = analyse(texts);
  const fact = r.facts.find((f) => f.claims.some((c) => /seizure/.test(c.text ?? '')));
  assert.ok(fact, JSON.stringify(r.facts, null, 1));
  assert.deepEqual(fact.claims.map((c) => c.path).sort(), ['a.txt', 'b.txt']);
  for (const d of r.documents) {
    const claim = d.claims.find((c) => /seizure/.test(c.text));
    assert.ok(claim, `${d.path}: the corroborated sentence is a claim`);
    assert.ok(claim.score < CLAIM_THRESHOLD, `${d.path}: scored ${claim.score}, under the threshold on its own`);
    assert.equal(claim.factId, fact.id);
  }
  // Alone, the same sentence is no claim.
  const alone = analyse({ 'a.txt': texts['a.txt'] });
  assert.equal(alone.documents[0].claims.some((c) => /seizure/.test(c.text)), false);
});

test('facts: a stock formula shared by articles about different people is no fact and no claim', () => {
  const r = analyse({
    'a.txt': 'Senator Mark Hollis voted against the farm bill on Tuesday.\nA spokesman for Hollis did not immediately respond to requests for comment.',
    'b.txt': 'Mayor Ruth Okafor opened the new library in Dayton.\nA lawyer for Okafor did not immediately respond to requests for comment.',
  });
  assert.deepEqual(r.facts.map((f) => f.statement), []);
  for (const d of r.documents) assert.equal(d.claims.some((c) => /respond/.test(c.text)), false, d.path);
});

test('facts: on the seeds every fact has its own id (two passages of the same two sentences make one fact)', () => {
  const dir = join(__dirname, '../../../seeds');
  const r = analyzeArticles(readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => ({ path: f, text: readFileSync(join(dir, f), 'utf8') })), { recogniser: loadRecogniser() });
  assert.ok(r.facts.length > 10);
  const ids = r.facts.map((f) => f.id);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
});

test('claims: a line ending in a colon introduces what follows and scores lower than the same words as a statement', () => {
  const lead = 'WASHINGTON — The Latest on the presidential race between Donald Trump and Hillary Clinton:';
  assert.ok(scoreSentence(lead, [], false) < scoreSentence(lead.replace(/:$/, '.'), [], false));
});
