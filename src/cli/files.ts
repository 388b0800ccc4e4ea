import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ARTICLE_EXTENSIONS, decodeArticle, isArticlePath, sidecarPathOf } from '../core/article';
import { parseSidecar, type Sidecar } from '../core/sidecar';
import { writeFileAtomic } from '../node/atomic';
import { CommandError, say } from './args';

const EXTENSIONS = ARTICLE_EXTENSIONS.join(', ');

/**
 * Article files under the given paths, in a stable order. Sidecars, hidden folders and node_modules
 * are skipped. A path that does not exist, or paths with no article under them, stop the command
 * (CommandError, exit 2); a file named that is not an article is said and left out.
 */
export function collectArticles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const visit = (p: string, named: boolean) => {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      if (!named) return; // gone while listing
      const code = (e as NodeJS.ErrnoException).code;
      throw new CommandError(code === 'ENOENT' || code === 'ENOTDIR' ? `${p}: no such file or folder (paths are relative to ${process.cwd()})` : `${p}: ${plainError(e)}`);
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(p).sort();
      } catch (e) {
        throw new CommandError(`${p}: the folder cannot be read (${plainError(e)})`, 1);
      }
      for (const name of names) if (!name.startsWith('.') && name !== 'node_modules') visit(join(p, name), false);
    } else if (isArticlePath(p)) out.push(p);
    else if (named) say(`marginalia: ${p}: not an article (articles are ${EXTENSIONS} files); left out`);
  };
  for (const p of paths) visit(p, true);
  const unique = [...new Map(out.map((f) => [resolve(f), f])).values()];
  if (!unique.length) throw new CommandError(`no articles under ${paths.join(', ')}: articles are ${EXTENSIONS} files (hidden folders and node_modules are not read)`);
  return unique;
}

/** The path an article is reported under: relative to the working directory, with forward slashes. */
export function displayPath(file: string): string {
  return relative(process.cwd(), resolve(file)).split('\\').join('/');
}

/** A file system error in words, with what to do when there is something to do. */
export function plainError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: check its permissions';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOENT':
      return 'no such file or folder';
    case 'ENOSPC':
      return 'the disk is full: free some space';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return err.message ?? String(e);
  }
}

export type ReadArticle = { ok: true; text: string } | { ok: false; problem: string };

/**
 * Reads an article: its text when it is UTF-8 text, else why it is skipped and what to do. It is never
 * analysed as empty, nor decoded with replacement characters.
 */
export function readArticle(file: string): ReadArticle {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return { ok: false, problem: `cannot be read (${plainError(e)})` };
  }
  const decoded = decodeArticle(bytes);
  if (decoded.ok) return { ok: true, text: decoded.text };
  const name = /^[\w./-]+$/.test(displayPath(file)) ? displayPath(file) : `'${displayPath(file).replace(/'/g, `'\\''`)}'`;
  return { ok: false, problem: `${decoded.reason}: ${decoded.hint.replace(/FILE/g, name)}` };
}

export function sidecarPath(article: string): string {
  return sidecarPathOf(article);
}

export type ReadSidecar = { status: 'none' } | { status: 'ok'; raw: string; sidecar: Sidecar } | { status: 'broken'; problem: string };

/** An article's sidecar: none, read, or why it cannot be read (then it is never written over). */
export function readSidecar(article: string): ReadSidecar {
  const side = sidecarPath(article);
  if (!existsSync(side)) return { status: 'none' };
  let raw: string;
  try {
    raw = readFileSync(side, 'utf8');
  } catch (e) {
    return { status: 'broken', problem: plainError(e) };
  }
  const parsed = parseSidecar(raw);
  if (!parsed.ok) return { status: 'broken', problem: parsed.problem };
  // A git merge left conflicts in it: writing it again would drop one side of each, so it is left as it is.
  const conflicts = parsed.sidecar.conflicts?.length ?? 0;
  if (conflicts) return { status: 'broken', problem: `it has ${conflicts} merge conflict${conflicts === 1 ? '' : 's'} left by a git merge (resolve them in VS Code's Merge Conflicts view, or edit its "conflicts")` };
  return { status: 'ok', raw, sidecar: parsed.sidecar };
}

/** What to tell about a sidecar that cannot be read: it is left as it is, and how to get out of it. */
export function brokenSidecar(article: string, problem: string): string {
  return `marginalia: ${displayPath(sidecarPath(article))}: ${problem}; this sidecar of ${displayPath(article)} is left as it is (never written over) and its decisions are not used: fix it or move it away, then run again`;
}

/**
 * Writes `content` to `target` atomically unless the file already holds exactly that (then nothing is
 * written, so an unchanged sidecar keeps its bytes and its modification time). Returns what happened,
 * or the reason it could not be written.
 */
export function writeIfChanged(target: string, content: string, previous: string | undefined): 'written' | 'unchanged' | { error: string } {
  if (previous === content) return 'unchanged';
  try {
    writeFileAtomic(target, content);
    return 'written';
  } catch (e) {
    return { error: plainError(e) };
  }
}
