import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeArticle, isArticlePath } from '../../src/core/article';
import { correctionsFrom, makeSidecar, mergeAnnotations, placeAnnotations } from '../../src/core/sidecar';
import { guessLanguage } from '../../src/core/text/language';
import { ann, annotator, CREATED } from './fixtures';

const TEXT = 'Talks\n“We are ready,” said Joe Biden in Geneva on Thursday. The Kremlin said nothing.\n';
/** ann's annotations were made at OLD. */
const OLD = CREATED;
const NOW = '2026-06-01T00:00:00.000Z';

/** Annotations as a fresh analysis at NOW makes them. */
const annNow = annotator({ created: NOW });

test('mergeAnnotations: an unchanged suggestion keeps its times, a changed one gets a new modified', () => {
  const previous = [ann(TEXT, 'e-biden', 'Joe Biden', { type: 'PERSON' }), ann(TEXT, 'e-geneva', 'Geneva', { type: 'PLACE' })];
  const fresh = [annNow(TEXT, 'e-biden', 'Joe Biden', { type: 'PERSON' }), annNow(TEXT, 'e-geneva', 'Geneva', { type: 'ORG' }), annNow(TEXT, 'e-new', 'Thursday', { type: 'DATE' })];
  const merged = mergeAnnotations(fresh, previous);
  const by = new Map(merged.map((a) => [a.id, a]));
  assert.deepEqual([by.get('e-biden')!.created, by.get('e-biden')!.modified], [OLD, OLD]);
  assert.deepEqual([by.get('e-geneva')!.created, by.get('e-geneva')!.modified, by.get('e-geneva')!.type], [OLD, NOW, 'ORG']);
  assert.deepEqual([by.get('e-new')!.created, by.get('e-new')!.modified], [NOW, NOW]);
});

test('mergeAnnotations: an orphan holds no place; a plain quote suggestion never doubles a decision it overlaps', () => {
  const orphan = { ...ann(TEXT, 'e-old', 'Joe Biden', { status: 'rejected' }), orphaned: true };
  const tagged = ann(TEXT, 'q-user', 'We are ready,', { kind: 'quote', tags: ['disputed'] });
  const fresh = [annNow(TEXT, 'e-biden', 'Joe Biden', { type: 'PERSON' }), annNow(TEXT, 'q-fresh', 'We are ready', { kind: 'quote' })];
  const merged = mergeAnnotations(fresh, [orphan, tagged]);
  assert.deepEqual(merged.map((a) => a.id).sort(), ['e-biden', 'e-old', 'q-user']);
});

test('placeAnnotations: a sidecar of the current text is taken as it is; after an edit its annotations are found again', () => {
  const anns = [ann(TEXT, 'e-kremlin', 'Kremlin', { status: 'rejected' })];
  const sidecar = makeSidecar('a.txt', TEXT, anns, 'r', '1');
  assert.equal(placeAnnotations(TEXT, sidecar), sidecar.annotations);
  const edited = 'Talks\nA new first sentence.\n' + TEXT.slice(6);
  const placed = placeAnnotations(edited, sidecar);
  assert.equal(edited.slice(placed[0].target.start, placed[0].target.end), 'Kremlin');
  // A sidecar claiming the current hash with stale offsets (written by an older build) is re-anchored too.
  const stale = makeSidecar('a.txt', edited, anns, 'r', '1');
  const fixed = placeAnnotations(edited, stale);
  assert.equal(edited.slice(fixed[0].target.start, fixed[0].target.end), 'Kremlin');
});

test('correctionsFrom: rejections, acceptances (winning over a rejection elsewhere), retypes and merges; orphans teach nothing', () => {
  const c = correctionsFrom([
    [ann(TEXT, 'a', 'Kremlin', { status: 'rejected' }), ann(TEXT, 'b', 'Geneva', { status: 'rejected' }), { ...ann(TEXT, 'c', 'Thursday', { status: 'rejected' }), orphaned: true }],
    [ann(TEXT, 'd', 'Geneva', { status: 'accepted', type: 'PLACE' }), ann(TEXT, 'e', 'Joe Biden', { origin: 'user', status: 'accepted', type: 'PERSON', mergedInto: 'Biden' })],
  ]);
  assert.deepEqual([...c.rejected], ['Kremlin']);
  assert.deepEqual([...c.accepted], [['Geneva', 'PLACE'], ['Joe Biden', 'PERSON']]);
  assert.deepEqual([...c.merges], [['Joe Biden', 'Biden']]);
});

test('the article test: names, UTF-8 without NUL, byte-order mark kept', () => {
  assert.ok(isArticlePath('a/b.txt') && isArticlePath('B.MD') && isArticlePath('x.markdown'));
  assert.ok(!isArticlePath('a.txt.annotations.json') && !isArticlePath('a.pdf'));
  const latin1 = decodeArticle(new Uint8Array([0x46, 0x72, 0x61, 0x6e, 0xe7, 0x6f, 0x69, 0x73]));
  assert.ok(!latin1.ok && /invalid byte 0xe7 at offset 4/.test(latin1.reason) && /iconv -f latin1/.test(latin1.hint));
  const nul = decodeArticle(new Uint8Array([0x61, 0x00, 0x62]));
  assert.ok(!nul.ok && /NUL byte at offset 1/.test(nul.reason));
  const bom = decodeArticle(new TextEncoder().encode('\uFEFFFrançois'));
  assert.ok(bom.ok && bom.text === '\uFEFFFrançois');
});

test('language guess: English, German, French, and too short to tell', () => {
  assert.equal(guessLanguage(TEXT.repeat(5)).code, 'en');
  assert.equal(guessLanguage('Am Dienstag haben sich die Vertreter der beiden Regierungen in Genf getroffen, um über die Lage an der Grenze zu sprechen. Der Frieden sei nicht in Gefahr, sagte ein Sprecher des Ministeriums nach dem Treffen. Die Verhandlungen sollen in der kommenden Woche fortgesetzt werden.').code, 'de');
  assert.equal(guessLanguage('Mardi, les représentants des deux gouvernements se sont réunis à Genève pour discuter de la situation à la frontière. Selon le ministère, près de 100 000 soldats ont été déployés dans la région, a déclaré le porte-parole lors d’une conférence de presse.').code, 'fr');
  assert.equal(guessLanguage('Biden meets Putin').code, 'und');
});
