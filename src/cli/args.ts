/**
 * The one argument reader of every CLI command: options with values (`--out FILE`, `--out=FILE`),
 * switches (`--json`), operands (paths; `-` is one, and everything after `--`). An unknown option, a
 * missing value or a value outside its choices is a usage error (exit 2, with a line that says what to
 * do); `--help` or `-h` prints the command's usage on standard output (exit 0).
 */

export interface OptionSpec {
  name: string;
  alias?: string;
  /** Takes a value (shown as this placeholder in messages); a switch when absent. */
  value?: string;
  choices?: readonly string[];
}

export interface CommandSpec {
  command: string;
  usage: string;
  options: readonly OptionSpec[];
}

export interface Arguments {
  values: Map<string, string>;
  flags: Set<string>;
  operands: string[];
}

export type ReadResult = { ok: true; args: Arguments } | { ok: false; exit: number };

/** Exit codes, the same for every command (README, "Exit codes"). */
export const EXIT = { done: 0, failed: 1, usage: 2 } as const;

export function say(line: string): void {
  process.stderr.write(line + '\n');
}

/** A usage error of `command`: the message, and where the usage is (exit 2). */
export function usageError(command: string, message: string): number {
  say(`marginalia ${command}: ${message}`);
  say(`Run \`marginalia ${command} --help\` for its options.`);
  return EXIT.usage;
}

/** An error that stops a command before it did anything: a usage error (exit 2) unless said otherwise. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exit: number = EXIT.usage,
  ) {
    super(message);
  }
}

export function readArguments(args: readonly string[], spec: CommandSpec): ReadResult {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const operands: string[] = [];
  const byName = new Map<string, OptionSpec>();
  for (const o of spec.options) {
    byName.set(o.name, o);
    if (o.alias) byName.set(o.alias, o);
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a === '--help' || a === '-h') {
      process.stdout.write(spec.usage);
      return { ok: false, exit: EXIT.done };
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const o = byName.get(name);
    if (!o) {
      const near = spec.options.find((x) => (name.length > 3 && x.name.startsWith(name)) || distance(x.name, name) <= 2);
      return { ok: false, exit: usageError(spec.command, `unknown option ${a}${near ? ` (did you mean ${near.name}?)` : ''}`) };
    }
    if (!o.value) {
      if (eq > 0) return { ok: false, exit: usageError(spec.command, `${o.name} takes no value`) };
      flags.add(o.name);
      continue;
    }
    let value: string;
    if (eq > 0) value = a.slice(eq + 1);
    else if (i + 1 < args.length && !(args[i + 1].startsWith('--') && args[i + 1].length > 2)) value = args[++i];
    else return { ok: false, exit: usageError(spec.command, `${o.name} needs a value: ${o.name} ${o.value}`) };
    if (o.choices && !o.choices.includes(value)) return { ok: false, exit: usageError(spec.command, `${o.name} is one of ${o.choices.join(', ')} (not ${JSON.stringify(value)})`) };
    values.set(o.name, value);
  }
  return { ok: true, args: { values, flags, operands } };
}

/** Edit distance, for `did you mean` (option names are short). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length];
}
