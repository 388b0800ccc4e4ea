/**
 * The options of the project's scripts (training, evaluation, benchmarks), read by the CLI's one argument reader
 * (src/cli/args.ts) so a script refuses an unknown option, a missing value or a value outside its choices the same
 * way the CLI does. A script names its defaults; each default's type says how its option is read: a string
 * (paths are resolved), a number, or a boolean switch. `--max-rows` sets `maxRows`.
 */
import { resolve } from 'node:path';
import { readArguments, type OptionSpec } from '../src/cli/args';

type Defaults = Record<string, string | number | boolean>;

const flagOf = (key: string) => '--' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/**
 * The script's options: `defaults` overridden by the command line. Exits (0 after --help, 2 on a usage error).
 * `paths` lists the string options that are paths (resolved against the working directory); `choices` limits values.
 */
export function scriptOptions<T extends Defaults>(command: string, usage: string, defaults: T, more: { paths?: (keyof T)[]; choices?: Partial<Record<keyof T, readonly string[]>> } = {}): T {
  const keys = Object.keys(defaults) as (keyof T & string)[];
  const options: OptionSpec[] = keys.map((k) => {
    const kind = typeof defaults[k];
    return kind === 'boolean' ? { name: flagOf(k) } : { name: flagOf(k), value: kind === 'number' ? 'N' : 'VALUE', choices: more.choices?.[k] };
  });
  const read = readArguments(process.argv.slice(2), { command, usage: usage.endsWith('\n') ? usage : usage + '\n', options });
  if (!read.ok) process.exit(read.exit);
  const out: Defaults = { ...defaults };
  for (const k of keys) {
    const flag = flagOf(k);
    if (typeof defaults[k] === 'boolean') {
      if (read.args.flags.has(flag)) out[k] = true;
      continue;
    }
    const v = read.args.values.get(flag);
    if (v === undefined) continue;
    if (typeof defaults[k] === 'number') {
      const n = Number(v);
      if (!Number.isFinite(n)) {
        process.stderr.write(`${command}: ${flag} takes a number (not ${JSON.stringify(v)})\n`);
        process.exit(2);
      }
      out[k] = n;
    } else out[k] = more.paths?.includes(k) ? resolve(v) : v;
  }
  if (read.args.operands.length) {
    process.stderr.write(`${command}: unexpected ${read.args.operands.join(' ')} (options only; see --help)\n`);
    process.exit(2);
  }
  return out as T;
}
