import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The lines of a file (`-`: standard input), one at a time, with their numbers: memory holds one line, however
 * long the stream. Blank lines are passed over.
 */
export async function* numberedLines(file: string): AsyncGenerator<{ n: number; line: string }> {
  const input = file === '-' ? process.stdin : createReadStream(file);
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    n++;
    if (line.trim()) yield { n, line };
  }
}

/** A JSON line parsed, or why it cannot be (the parser's own words). */
export function parseLine(line: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(line) };
  } catch (e) {
    return { ok: false, problem: `not JSON (${(e as Error).message})` };
  }
}
