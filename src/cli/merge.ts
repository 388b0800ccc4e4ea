import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SIDECAR_SUFFIX } from '../core/article';
import { parseSidecar, serializeSidecar, type Sidecar } from '../core/sidecar';
import { mergeSidecars } from '../core/sidecar/merge3';
import { writeFileAtomic } from '../node/atomic';
import { EXIT, readArguments, say, usageError } from './args';

export const MERGE_USAGE = `  marginalia merge-sidecar BASE OURS THEIRS [PATH]
      Git's merge driver for sidecars (%O %A %B %P): a three-way merge by annotation and field, written over
      OURS. A change on one side wins, tags merge as sets; a field changed differently on both sides is a
      conflict, recorded with both values in the file's "conflicts" (valid JSON, never conflict markers).
      Exit 0 clean, 1 with conflicts (resolve them in VS Code: Marginalia ▸ Merge Conflicts) or when a side
      cannot be read (OURS is then left as it was).
  marginalia merge-sidecar --install [REPO]
      Registers the driver in the git repository at REPO (default: here): git config merge.marginalia.*
      and "*${SIDECAR_SUFFIX} merge=marginalia" in .gitattributes.
`;

const SPEC = { command: 'merge-sidecar', usage: `Usage:\n${MERGE_USAGE}`, options: [{ name: '--install' }] };

/** The line git runs: this very CLI, by absolute path, so the driver works from any folder of the repository. */
function driverCommand(): string {
  const cli = resolve(process.argv[1] ?? 'dist/cli.js');
  return `node ${JSON.stringify(cli)} merge-sidecar %O %A %B %P`;
}

/** Registers the merge driver in a repository; idempotent. */
export function installMergeDriver(repo: string): number {
  let top: string;
  try {
    top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    say(`marginalia merge-sidecar: ${resolve(repo)} is not in a git repository (run it inside one, or name one: --install REPO)`);
    return EXIT.usage;
  }
  execFileSync('git', ['config', 'merge.marginalia.name', 'Marginalia annotations (three-way, by annotation)'], { cwd: top });
  execFileSync('git', ['config', 'merge.marginalia.driver', driverCommand()], { cwd: top });
  const attributes = join(top, '.gitattributes');
  const line = `*${SIDECAR_SUFFIX} merge=marginalia`;
  const current = existsSync(attributes) ? readFileSync(attributes, 'utf8') : '';
  if (!current.split(/\r?\n/).some((l) => l.trim() === line)) appendFileSync(attributes, `${current && !current.endsWith('\n') ? '\n' : ''}${line}\n`);
  process.stdout.write(`merge driver registered in ${top} (git config merge.marginalia.driver; ${line} in .gitattributes: commit it so your team has it)\n`);
  return EXIT.done;
}

function readSide(file: string, what: string, mayBeEmpty: boolean): Sidecar | null | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    say(`marginalia merge-sidecar: cannot read ${what} (${file}): ${(e as Error).message}`);
    return undefined;
  }
  if (mayBeEmpty && !text.trim()) return null; // git gives an empty ancestor when both sides added the file
  const parsed = parseSidecar(text);
  if (!parsed.ok) {
    say(`marginalia merge-sidecar: ${what} (${file}) is not a sidecar this Marginalia reads: ${parsed.problem}`);
    return undefined;
  }
  return parsed.sidecar;
}

export function runMergeSidecar(argv: readonly string[]): number {
  const read = readArguments(argv, SPEC);
  if (!read.ok) return read.exit;
  const { flags, operands } = read.args;
  if (flags.has('--install')) return operands.length > 1 ? usageError('merge-sidecar', '--install takes one repository folder') : installMergeDriver(operands[0] ?? '.');
  if (operands.length < 3 || operands.length > 4) return usageError('merge-sidecar', 'give BASE OURS THEIRS [PATH] (git passes %O %A %B %P)');
  const [baseFile, oursFile, theirsFile, name = oursFile] = operands;
  const base = readSide(baseFile, 'the common ancestor', true);
  const ours = readSide(oursFile, 'our version', false);
  const theirs = readSide(theirsFile, 'their version', false);
  if (base === undefined || !ours || !theirs) {
    say(`marginalia merge-sidecar: ${name}: not merged; our version is left as it was: fix the file named above, then merge again`);
    return EXIT.failed;
  }
  const { sidecar, conflicts } = mergeSidecars(base, ours, theirs);
  writeFileAtomic(oursFile, serializeSidecar(sidecar));
  if (!conflicts.length) return EXIT.done;
  say(`marginalia merge-sidecar: ${name}: ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'} (kept ours in each, both sides recorded under "conflicts"):`);
  for (const c of conflicts) say(`  ${c.id} ${c.field}: ours ${JSON.stringify(c.ours)}, theirs ${JSON.stringify(c.theirs)}`);
  say('Resolve them in VS Code (Marginalia ▸ Merge Conflicts) or edit the file, then `git add` it.');
  return EXIT.failed;
}
