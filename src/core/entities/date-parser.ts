/**
 * chrono-node's English casual parser, as `chrono.parse` runs it, without paying for its two costliest patterns where
 * they cannot match.
 *
 * Why: the parsers of "<duration> ago/before/earlier" and "<duration> later/after/from now/…" are built on one huge
 * pattern (every number word and time unit, repeated). V8 compiles it to machine code on its second use, ~100 ms each
 * on this machine, in every fresh process or worker: two thirds of the first article's analysis in a new analysis
 * worker (the first highlights wait for it). Both patterns need a time unit right before their keyword (`3 days ago`,
 * `a year later`), so text without one is parsed by a copy of the parser without them: the same results, since those
 * two parsers could have found nothing there.
 */
import * as chrono from 'chrono-node';

/**
 * A necessary condition for either pattern to match: the end of a number (digit or number word, as chrono reads
 * them), up to 3 spaces, a time unit (all of chrono's spellings, and a few more), up to 5 spaces, then a keyword of
 * either parser. No word boundary before the number: chrono's repeated units may run together (`2 years3 days ago`).
 */
const MAY_MATCH = new RegExp(
  '(?:\\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|an?|few|several|the|couple|of)\\s{0,3}' +
    '(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|months?|mons?|mos?|qtr|quarters?|years?|yrs?|y)\\s{0,5}' +
    '(?:ago|before|earlier|later|after|from now|henceforth|forward|out)(?=\\W|$)',
  'i',
);

/** The source of each costly parser's pattern ends with its keywords (chrono-node 2.x). */
const COSTLY = [/\(\?:ago\|before\|earlier\)/, /\(\?:later\|after\|from now\|henceforth\|forward\|out\)/];

function patternSource(p: chrono.Parser): string {
  try {
    // Building the pattern does not compile it (V8 compiles a RegExp on its first use): nothing costly runs here.
    return p.pattern({ option: {}, text: '', refDate: new Date(0) } as never).source;
  } catch {
    return '';
  }
}

let parsers: { full: chrono.Chrono; lite: chrono.Chrono } | undefined;

/**
 * The two parsers, made on first use. When the installed chrono-node does not have exactly the two patterns looked
 * for (another version), `lite` is the full parser: slower, never different (the unit test names the mismatch).
 */
export function dateParsers(): { full: chrono.Chrono; lite: chrono.Chrono } {
  if (parsers) return parsers;
  const full = chrono.casual;
  const lite = full.clone();
  lite.parsers = full.parsers.filter((p) => !COSTLY.some((c) => c.test(patternSource(p))));
  parsers = { full, lite: lite.parsers.length === full.parsers.length - COSTLY.length ? lite : full };
  return parsers;
}

/** What `chrono.parse(text, ref, option)` returns. */
export function parseDates(text: string, ref?: Date, option?: chrono.ParsingOption): chrono.ParsedResult[] {
  const { full, lite } = dateParsers();
  return (MAY_MATCH.test(text) ? full : lite).parse(text, ref, option);
}

/**
 * Compiles the two costly patterns now (V8 compiles a RegExp to machine code on its second use): the analysis worker
 * calls this as it starts, while the host still reads the model and the folder, so that the first article with
 * "a day after" in it does not wait ~150 ms for them. It is a cost each worker pays once anyway.
 */
export function warmDateParsers(): void {
  const { full } = dateParsers();
  for (let i = 0; i < 2; i++) full.parse('It began 3 days ago and ended 2 days later.', new Date(0));
}
