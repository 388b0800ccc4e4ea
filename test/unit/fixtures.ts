// Helpers the unit tests share to build their fixtures (not a test file itself: no *.test.ts).
import assert from 'node:assert/strict';
import { describe as describeTarget } from '../../src/core/anchoring';
import type { Annotation } from '../../src/core/sidecar';

/** When fixture annotations were created (and last modified, unless said otherwise). */
export const CREATED = '2026-01-01T00:00:00.000Z';

/** Makes fixture annotations with these times (created: CREATED; modified: as created), like `ann`. */
export function annotator(times: { created?: string; modified?: string } = {}) {
  const created = times.created ?? CREATED;
  const modified = times.modified ?? created;
  return (text: string, id: string, exact: string, fields: Partial<Annotation> = {}): Annotation => {
    const start = text.indexOf(exact);
    assert.ok(start >= 0, `fixture: ${JSON.stringify(exact)} not in text`);
    const end = start + exact.length;
    const { quote } = describeTarget(text, start, end);
    return {
      id, kind: 'entity', origin: 'suggested', status: 'suggested', tags: [], created, modified, ...fields,
      target: { start, end, exact, prefix: quote.prefix, suffix: quote.suffix },
    };
  };
}

/**
 * An annotation on the first `exact` in `text` (which must hold it), with the quote selector's prefix and suffix
 * describe() gives it: an entity suggestion without tags, created and modified at CREATED, unless `fields` say
 * otherwise.
 */
export const ann = annotator();

/**
 * The export tests' article: astral characters (an emoji, mathematical letters), CRLF line ends, a curly-quoted
 * quote with its speaker, a number: what each format must count and escape right.
 */
export const ASTRAL_ARTICLE = 'Headline 📰 today\r\n\r\n“We are ready 🚀, really,” said Joe Biden in Geneva on Thursday.\r\nThe 𝔘𝔑 sent 5,000 troops, officials said.\r\n';
/** A second article: a flag and a ZWJ family (several code points each), accented Latin letters and CJK. */
export const MIXED_SCRIPT_ARTICLE = 'Flags 🇺🇦 and family 👨‍👩‍👧 — “Peace now,” she said.\nZoë Ångström met 李小龍 in Genève.\n';
/** A later time than CREATED, for fixtures whose annotations were modified after they were made. */
export const MODIFIED = '2026-01-02T03:04:05.000Z';
