import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticles } from '../../src/core';
import { loadRecogniser } from '../../src/node/recogniser';

const A = `Talks set for Geneva
Russia has amassed tens of thousands of troops near Ukraine, officials said.
Read also
US and Russian officials will meet in Geneva on January 9 and 10, the White House said on Thursday, December 30, 2021.
Biden and Putin spoke for 50 minutes on Thursday.`;
const B = `Call ends
The Russians have moved an estimated 100,000 troops to Ukraine, the Pentagon said.
US and Russian officials will hold talks in Geneva on January 10, the White House said on Thursday, December 30, 2021.
The leaders spoke for almost an hour on Thursday.
Leave a Comment`;

test('facts across articles: a troop-count and a date discrepancy, no discrepancy for an approximation', () => {
  const r = analyzeArticles([{ path: 'a.txt', text: A }, { path: 'b.txt', text: B }], { recogniser: loadRecogniser() });
  const troops = r.facts.find((f) => f.claims.some((c) => /troops/.test(c.text ?? '')));
  assert.ok(troops, JSON.stringify(r.facts, null, 1));
  assert.equal(troops.consistent, false);
  assert.match(troops.discrepancy ?? '', /100,000/);
  const geneva = r.facts.find((f) => f.claims.some((c) => /Geneva/.test(c.text ?? '')));
  assert.ok(geneva);
  assert.equal(geneva.consistent, false);
  assert.match(geneva.discrepancy ?? '', /January 9 and 10/);
  // The call's length, "50 minutes" in one article and "almost an hour" in the other: one fact, and no discrepancy.
  const call = r.facts.find((f) => f.claims.some((c) => /50 minutes/.test(c.text ?? '')));
  assert.ok(call, 'the 50-minute call is a fact');
  assert.deepEqual(call.claims.map((c) => [c.path, c.values]), [['a.txt', ['50 minutes']], ['b.txt', ['almost an hour']]]);
  assert.equal(call.consistent, true, call.discrepancy ?? '');
  assert.equal(call.discrepancy, null);
});

test('boilerplate zones give no claims, and are reported', () => {
  const r = analyzeArticles([{ path: 'b.txt', text: B }], { recogniser: loadRecogniser() });
  const d = r.documents[0];
  assert.ok(d.boilerplate.some((z) => B.slice(z.start, z.end) === 'Leave a Comment'));
  assert.ok(d.claims.every((c) => !c.text.includes('Leave a Comment')));
  assert.ok(d.claims.length >= 2);
  for (const c of d.claims) assert.ok(c.score >= 0 && c.score <= 1);
});

test('the output contract: offsets select the text exactly as read', () => {
  const text = 'Title\r\n\r\n🇺🇦 President Joe Biden said “we are ready,” on Thursday.\r\n';
  const r = analyzeArticles([{ path: 'c.txt', text }], { recogniser: loadRecogniser() });
  const d = r.documents[0];
  for (const e of d.entities) assert.equal(text.slice(e.start, e.end), e.text);
  for (const q of d.quotes) assert.equal(text.slice(q.start, q.end), q.text);
  for (const c of d.claims) assert.equal(text.slice(c.start, c.end), c.text);
  assert.ok(d.entities.some((e) => e.text === 'Joe Biden'));
  assert.equal(d.quotes[0].text, 'we are ready,');
});

test('binary, empty and huge inputs are skipped with a reason, not crashed on', () => {
  const r = analyzeArticles(
    [{ path: 'bin.txt', text: 'abc\u0000def' }, { path: 'empty.txt', text: '' }, { path: 'huge.txt', text: 'x'.repeat(101) }],
    { recogniser: loadRecogniser(), maxLength: 100 },
  );
  assert.match(r.documents[0].skipped ?? '', /binary/);
  assert.equal(r.documents[1].skipped, undefined);
  assert.equal(r.documents[1].entities.length, 0);
  assert.match(r.documents[2].skipped ?? '', /too large/);
});
