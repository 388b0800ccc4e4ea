import { linkSteps, type HeldResult, type Linked, type LinkOptions } from '../core/pipeline/link';
import { compareIds, recordProblem, type MapRecord } from '../core/pipeline/record';
import { setFlagsFromString } from 'node:v8';
import type { EntityMention } from '../core';
import { EXIT, readArguments, say, type CommandSpec } from './args';
import { sayDocumentProblems } from './analyze';
import { writeAnalysisJson } from './json-out';
import { numberedLines, parseLine } from './lines';
import { Spool } from './spool';
import { blockingStdout, StdoutClosed } from './blocking-stdout';

export const LINK_USAGE = `  marginalia link [FILE…]
      The folder-wide half of \`analyze\`: reads map records (from \`marginalia map\`) from the files, or
      standard input when none or \`-\` is given, in any order and from any number of map processes; prints
      the document \`analyze --json\` prints for the same articles (each document's path is its id). The
      records wait in a temporary file (under TMPDIR) and are read one at a time; memory holds the
      folder's names and entities, and for the facts across articles each claim's terms as numbers
      (about 5 KB an article: 0.6-0.7 GB of peak RSS for 100,000, 4.5-5.5 GB for 10^6). A bad line is
      named on stderr and skipped.
`;

export const LINK_SPEC: CommandSpec = { command: 'link', usage: `Usage:\n${LINK_USAGE}`, options: [] };

/**
 * How far V8 lets the old generation grow past what the last full collection kept, in percent (by default 1.5 to 4
 * times). Link keeps a little of every article and makes much short-lived garbage around it: on 10^5 records, with
 * the default, the heap's committed size was about three times what was live (758 MB for about 230 MB); with 30%,
 * 307 MB, and the run took no more CPU. V8 reads the flag at each collection, so setting it here takes effect.
 */
const HEAP_GROWING_PERCENT = 30;

/** `marginalia link`: exit 0 when every record was linked, 1 when a line, a repeated id or an article was skipped (each named on stderr). */
export async function runLink(args: readonly string[]): Promise<number> {
  const read = readArguments(args, LINK_SPEC);
  if (!read.ok) return read.exit;
  const files = read.args.operands.length ? read.args.operands : ['-'];
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const records = new Spool('records.jsonl');
  const mentions = new Spool('mentions.jsonl');
  const results = new Spool('results.jsonl');
  try {
    const index: { id: string; slot: number }[] = [];
    const ids = new Set<string>();
    let problems = 0;
    for (const file of files) {
      const where = file === '-' ? 'standard input' : file;
      try {
        for await (const { n, line } of numberedLines(file)) {
          const parsed = parseLine(line);
          const problem = parsed.ok ? recordProblem(parsed.value) : parsed.problem;
          const id = parsed.ok && !problem ? (parsed.value as MapRecord).id : '';
          if (problem || ids.has(id)) {
            say(`marginalia link: ${where}, line ${n}: ${problem ?? `a second record for ${JSON.stringify(id)} (ids name one article each)`}; skipped`);
            problems++;
            continue;
          }
          ids.add(id);
          index.push({ id, slot: records.add(line) });
        }
      } catch (e) {
        say(`marginalia link: ${where}: cannot be read (${(e as Error).message})`);
        return EXIT.usage;
      }
    }
    if (!index.length) {
      say(`marginalia link: no map records in ${files.map((f) => (f === '-' ? 'standard input' : f)).join(', ')}: make them with \`marginalia map\``);
      return EXIT.usage;
    }
    index.sort((a, b) => compareIds(a.id, b.id));
    const source = { size: index.length, record: (i: number) => JSON.parse(records.get(index[i].slot)) as MapRecord };
    // The tagger ran in the map step: link never loads it.
    const steps = linkSteps(source, {}, { mentions: mentions.store<EntityMention[]>(), results: results.store<HeldResult>() });
    let linked: Linked<LinkOptions> | undefined;
    while (!linked) {
      const r = steps.next();
      if (r.done) linked = r.value;
    }
    const { document } = linked;
    const out = blockingStdout();
    try {
      writeAnalysisJson(out.write, index.length, (i) => {
        const d = document(i);
        problems += sayDocumentProblems(d);
        return d;
      }, linked);
      out.flush();
    } catch (e) {
      // The reader has gone (`| head`): nothing more to do, as the CLI does on EPIPE.
      if (e instanceof StdoutClosed) return EXIT.done;
      throw e;
    }
    return problems ? EXIT.failed : EXIT.done;
  } finally {
    for (const spool of [records, mentions, results]) spool.close();
    Spool.removeAll();
  }
}
