import type { ArticleInput } from '../core';
import { EXIT, readArguments, say, usageError, type CommandSpec } from './args';
import { numberedLines, parseLine } from './lines';
import { mapOne } from './pool';

export const MAP_USAGE = `  marginalia map
      The per-article half of \`analyze\`, for archives split over cores or machines (README, "Large
      archives"): reads JSON Lines on standard input, one article a line: {"id": "...", "text": "..."}
      (optionally "format": "markdown"); writes one map record a line to standard output, in input order.
      Memory does not grow with the input. A bad line is named on stderr (line number, why) and skipped.
`;

export const MAP_SPEC: CommandSpec = { command: 'map', usage: `Usage:\n${MAP_USAGE}`, options: [] };

/** Why a parsed line is not an article, or null when it is one. */
function articleProblem(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a JSON object';
  const a = v as Record<string, unknown>;
  if (typeof a.id !== 'string' || !a.id) return 'no "id" (a non-empty string)';
  if (typeof a.text !== 'string') return 'no "text" (a string)';
  if (a.format !== undefined && a.format !== 'markdown' && a.format !== 'text') return `"format" is "markdown" or "text" (not ${JSON.stringify(a.format)})`;
  return null;
}

/** `marginalia map`: exit 0 when every line was mapped, 1 when a line was skipped (each named on stderr). */
export async function runMap(args: readonly string[]): Promise<number> {
  const read = readArguments(args, MAP_SPEC);
  if (!read.ok) return read.exit;
  if (read.args.operands.length) return usageError('map', 'reads standard input only, e.g. `marginalia map < articles.jsonl > records.jsonl`');
  let bad = 0;
  for await (const { n, line } of numberedLines('-')) {
    const parsed = parseLine(line);
    const problem = parsed.ok ? articleProblem(parsed.value) : parsed.problem;
    if (problem) {
      say(`marginalia map: line ${n}: ${problem}; skipped`);
      bad++;
      continue;
    }
    const a = (parsed as { value: { id: string; text: string; format?: string } }).value;
    const input: ArticleInput = { path: a.id, text: a.text, ...(a.format === 'markdown' ? { format: 'markdown' as const } : {}) };
    process.stdout.write(JSON.stringify(mapOne(input)) + '\n');
  }
  return bad ? EXIT.failed : EXIT.done;
}
