import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SIDECAR_SUFFIX } from '../core/article';
import { agreement, type Agreement, type AnnotatorArticle } from '../core/agreement/agree';
import { ENTITY_TYPES } from '../core/contract';
import { parseSidecar } from '../core/sidecar';
import { EXIT, readArguments, say, usageError } from './args';

export const AGREE_USAGE = `  marginalia agree A B [--json]
  marginalia agree --rev REV1 REV2 [FOLDER] [--json]
      How far two annotators agree on the same articles: two folders (A, B) holding their sidecars, or one
      folder at two git revisions. Per entity type exact and overlap F1 and Krippendorff's alpha; quotes:
      span F1 and speaker agreement; tags: Cohen's kappa over the quotes both marked. An annotator's set is
      their sidecars' annotations that are not rejected and not orphaned (suggestions left standing count).
`;

const SPEC = { command: 'agree', usage: `Usage:\n${AGREE_USAGE}`, options: [{ name: '--json' }, { name: '--rev' }] };

/** Every sidecar under a folder, keyed by its article's path relative to the folder. */
function sidecarsIn(root: string): { side: AnnotatorArticle[]; problems: number } {
  const side: AnnotatorArticle[] = [];
  let problems = 0;
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (name.endsWith(SIDECAR_SUFFIX)) {
        const parsed = parseSidecar(readFileSync(p, 'utf8'));
        if (parsed.ok) side.push({ path: relative(root, p).split('\\').join('/').slice(0, -SIDECAR_SUFFIX.length), sidecar: parsed.sidecar });
        else {
          problems++;
          say(`marginalia agree: ${p}: ${parsed.problem}; left out`);
        }
      }
    }
  };
  visit(root);
  return { side, problems };
}

/** The sidecars of a folder as they were at a git revision. */
function sidecarsAt(rev: string, folder: string): { side: AnnotatorArticle[]; problems: number } {
  const git = (args: string[]) => execFileSync('git', args, { cwd: folder, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  const names = git(['ls-tree', '-r', '--name-only', '--full-name', rev, '--', '.']).split('\n').filter((n) => n.endsWith(SIDECAR_SUFFIX));
  const prefix = git(['rev-parse', '--show-prefix']).trim();
  const side: AnnotatorArticle[] = [];
  let problems = 0;
  for (const name of names) {
    const parsed = parseSidecar(git(['show', `${rev}:${name}`]));
    const path = name.slice(prefix.length, -SIDECAR_SUFFIX.length);
    if (parsed.ok) side.push({ path, sidecar: parsed.sidecar });
    else {
      problems++;
      say(`marginalia agree: ${rev}:${name}: ${parsed.problem}; left out`);
    }
  }
  return { side, problems };
}

const pct = (x: number | null) => (x === null ? '–' : x.toFixed(3));

function print(r: Agreement): void {
  const lines = [`${r.articles} articles compared${r.unmatched.length ? ` (${r.unmatched.length} annotated on one side only, left out: ${r.unmatched.join(', ')})` : ''}`, '', 'type      A     B     exact F1  overlap F1  alpha'];
  for (const t of [...ENTITY_TYPES, 'all'] as const) {
    const e = r.entities[t];
    lines.push(`${t.padEnd(8)} ${String(e.a).padStart(5)} ${String(e.b).padStart(5)}  ${pct(e.f1).padStart(8)}  ${pct(e.overlapF1).padStart(10)}  ${pct(e.alpha).padStart(5)}`);
  }
  const q = r.quotes;
  lines.push('', `quotes    ${q.a} / ${q.b}: exact F1 ${pct(q.f1)}, overlap F1 ${pct(q.overlapF1)}; speaker agreement ${pct(q.speaker.agreement)} (${q.speaker.agreed}/${q.speaker.compared})`);
  lines.push(`tags      Cohen's kappa over ${q.tags.compared} quotes both marked: ${Object.entries(q.tags.kappa).map(([k, v]) => `${k} ${pct(v)}`).join(', ') || '–'}`);
  lines.push('', `alpha: ${r.alphaMethod}.`);
  process.stdout.write(lines.join('\n') + '\n');
}

export function runAgree(argv: readonly string[]): number {
  const read = readArguments(argv, SPEC);
  if (!read.ok) return read.exit;
  const { flags, operands } = read.args;
  let a;
  let b;
  try {
    if (flags.has('--rev')) {
      if (operands.length < 2 || operands.length > 3) return usageError('agree', 'with --rev give REV1 REV2 [FOLDER]');
      const folder = operands[2] ?? '.';
      a = sidecarsAt(operands[0], folder);
      b = sidecarsAt(operands[1], folder);
    } else {
      if (operands.length !== 2) return usageError('agree', 'give two folders A B (or --rev REV1 REV2 [FOLDER])');
      for (const f of operands) if (!statSync(f, { throwIfNoEntry: false })?.isDirectory()) return usageError('agree', `${f}: no such folder`);
      a = sidecarsIn(operands[0]);
      b = sidecarsIn(operands[1]);
    }
  } catch (e) {
    say(`marginalia agree: ${(e as { stderr?: string }).stderr?.toString().trim() || (e as Error).message}`);
    return EXIT.failed;
  }
  if (!a.side.length || !b.side.length) {
    say(`marginalia agree: no sidecars (*${SIDECAR_SUFFIX}) on ${!a.side.length ? 'the first' : 'the second'} side: annotate and save first`);
    return EXIT.usage;
  }
  const result = agreement(a.side, b.side);
  if (flags.has('--json')) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else print(result);
  return a.problems + b.problems ? EXIT.failed : EXIT.done;
}
