import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iobSpans, parseConll, rebuildDocument } from '../../src/core/ner/conll';
import { EntityScorer } from '../../src/core/ner/score';

const SAMPLE = `-DOCSTART- -X- -X- O

EU NNP I-NP I-ORG
rejects VBZ I-VP O
German JJ I-NP I-MISC
call NN I-NP O
. . O O

Peter NNP I-NP I-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- -X- O

" " O O
Germany NNP I-NP I-LOC
's POS B-NP O
Klaus NNP I-NP I-PER
Kinkel NNP I-NP I-PER
Helmut NNP I-NP B-PER
Kohl NNP I-NP I-PER
( ( O O
AP NNP I-NP I-ORG
) ) O O
said VBD I-VP O
" " O O
.
`;

test('parseConll: documents, sentences, tokens and tags', () => {
  const docs = parseConll(SAMPLE);
  assert.equal(docs.length, 2);
  assert.equal(docs[0].sentences.length, 2);
  assert.deepEqual(docs[0].sentences[1].tokens, ['Peter', 'Blackburn']);
  assert.deepEqual(docs[0].sentences[0].tags, ['I-ORG', 'O', 'I-MISC', 'O', 'O']);
  assert.equal(docs[1].sentences[0].tokens.length, 13);
  assert.equal(docs[1].sentences[0].tags.at(-1), 'O', 'a line with only a token gets tag O');
});

test('iobSpans: IOB1 with B- separating touching entities of one type', () => {
  assert.deepEqual(iobSpans(['I-PER', 'I-PER', 'B-PER', 'I-PER', 'O', 'I-LOC', 'I-ORG']), [
    { start: 0, end: 2, type: 'PER' },
    { start: 2, end: 4, type: 'PER' },
    { start: 5, end: 6, type: 'LOC' },
    { start: 6, end: 7, type: 'ORG' },
  ]);
  // IOB2 works too.
  assert.deepEqual(iobSpans(['B-ORG', 'I-ORG', 'B-ORG']), [
    { start: 0, end: 2, type: 'ORG' },
    { start: 2, end: 3, type: 'ORG' },
  ]);
});

test('rebuildDocument: detokenised text with exact token and entity offsets', () => {
  const [, doc] = parseConll(SAMPLE);
  const r = rebuildDocument(doc);
  assert.equal(r.text, '"Germany\'s Klaus Kinkel Helmut Kohl (AP) said".');
  const s = r.sentences[0];
  doc.sentences[0].tokens.forEach((tok, i) => assert.equal(r.text.slice(s.tokens[i].start, s.tokens[i].end), tok));
  assert.deepEqual(r.entities.map((e) => [r.text.slice(e.start, e.end), e.type]), [
    ['Germany', 'LOC'], ['Klaus Kinkel', 'PER'], ['Helmut Kohl', 'PER'], ['AP', 'ORG'],
  ]);
  const plain = rebuildDocument(doc, { detokenize: false });
  assert.ok(plain.text.startsWith('" Germany \'s Klaus'));
  const [first] = parseConll(SAMPLE);
  const r0 = rebuildDocument(first);
  assert.equal(r0.text, 'EU rejects German call.\nPeter Blackburn');
  assert.deepEqual(r0.sentences.map((x) => r0.text.slice(x.start, x.end)), ['EU rejects German call.', 'Peter Blackburn']);
});

test('EntityScorer: exact-span scoring, micro over PER/ORG/LOC only', () => {
  const sc = new EntityScorer();
  sc.add(
    [{ start: 0, end: 5, type: 'PER' }, { start: 10, end: 15, type: 'LOC' }, { start: 20, end: 25, type: 'MISC' }, { start: 30, end: 34, type: 'ORG' }],
    [{ start: 0, end: 5, type: 'PER' }, { start: 10, end: 14, type: 'LOC' }, { start: 20, end: 25, type: 'ORG' }, { start: 30, end: 34, type: 'ORG' }],
  );
  const r = sc.result();
  assert.deepEqual([r.perType.PER.tp, r.perType.PER.fp, r.perType.PER.fn], [1, 0, 0]);
  assert.deepEqual([r.perType.LOC.tp, r.perType.LOC.fp, r.perType.LOC.fn], [0, 1, 1]);
  assert.deepEqual([r.perType.ORG.tp, r.perType.ORG.fp, r.perType.ORG.fn], [1, 1, 0]);
  assert.deepEqual([r.perType.MISC.tp, r.perType.MISC.fp, r.perType.MISC.fn], [0, 0, 1]);
  assert.deepEqual([r.micro.tp, r.micro.fp, r.micro.fn], [2, 2, 1]);
  assert.ok(Math.abs(r.micro.f1 - (2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3)) < 1e-12);
  assert.deepEqual([r.all.tp, r.all.fp, r.all.fn], [2, 2, 2]);
});
