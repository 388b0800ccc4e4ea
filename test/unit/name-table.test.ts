/**
 * The link step links an archive's names through a NameTable (core/entities/name-table.ts): each distinct text and
 * type once, counted, instead of one object a mention. Every mention must come out with the type, the entity and
 * the entity list linkMentions gives it, mention by mention, in random folders with conflicting types (one type
 * per name), aliases, surnames shared by two people, metonyms and the user's corrections.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityMention, EntityType } from '../../src/core/contract';
import { linkMentions, linkNames, NameTable, noCorrections, type DocumentEntities } from '../../src/core/entities';
import { mulberry32 } from '../../src/core/random';

const TEXTS = ['Joe Biden', 'Biden', 'Hunter Biden', 'NATO', 'Nato', 'North Atlantic Treaty Organization', 'US', 'U.S.', 'United States', 'America', 'Kyiv', 'Kiev', 'Kremlin', 'White House', 'Vladimir Putin', 'Putin', 'Zelensky', 'Volodymyr Zelenskiy', 'Apple', 'Jordan', 'Michael Jordan', 'Georgia', 'OSCE', 'Paris', 'Paris Hilton'];
const TYPES: EntityType[] = ['PERSON', 'ORG', 'PLACE'];

test('linkNames: the same types, entity ids and entities as linkMentions, mention by mention', () => {
  const random = mulberry32(20261203);
  for (let round = 0; round < 60; round++) {
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const folder = Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
      Array.from({ length: Math.floor(random() * 15) }, () => ({ text: pick(TEXTS), type: random() < 0.7 ? TYPES[TEXTS.indexOf(pick(TEXTS)) % 3] : pick(TYPES) })),
    );
    const corrections = noCorrections();
    if (round % 3 === 0) corrections.accepted.set('Apple', 'ORG');
    if (round % 4 === 0) corrections.merges.set('Putin', 'Joe Biden');
    const perDoc: DocumentEntities[] = folder.map((names) => ({ mentions: names.map((m): EntityMention => ({ start: 0, end: 0, text: m.text, type: m.type, entityId: '' })) }));
    const clusters = linkMentions(perDoc, corrections);
    const table = new NameTable();
    for (const names of folder) table.addArticle(names);
    const linked = linkNames(table, corrections);
    assert.deepEqual(linked.clusters.map(({ id, name, type, aliases }) => ({ id, name, type, aliases })), clusters.map(({ id, name, type, aliases }) => ({ id, name, type, aliases })), `round ${round}: entities`);
    perDoc.forEach((p, d) => p.mentions.forEach((m, k) => {
      const name = table.name(d, k);
      assert.equal(linked.type[name], m.type, `round ${round}, article ${d}, name ${k} (${m.text}): type`);
      assert.equal(linked.entityId[name], m.entityId, `round ${round}, article ${d}, name ${k} (${m.text}): entity`);
    }));
  }
});
