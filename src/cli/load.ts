import type { DocumentResult } from '../core';
import { placeAnnotations, type Annotation, type Sidecar } from '../core/sidecar';
import { CommandError, say } from './args';
import { brokenSidecar, collectArticles, displayPath, readArticle, readSidecar } from './files';

/** An article the command can work on: its text, and its sidecar when it has one that can be read. */
export interface LoadedArticle {
  file: string;
  path: string;
  text: string;
  /** The sidecar as read (`raw`, to tell whether a new one differs) and its annotations placed in the current text. */
  sidecar?: { raw: string; sidecar: Sidecar; placed: Annotation[] };
  /** Set when the sidecar cannot be read: it is never written over, and its decisions are not known. */
  sidecarProblem?: string;
}

export interface Loaded {
  articles: LoadedArticle[];
  /** Files that are not articles after all (unreadable, not UTF-8, binary), each already named on stderr. */
  skipped: { file: string; path: string; problem: string }[];
  /** Number of problems said on stderr (files skipped, sidecars that cannot be read). */
  problems: number;
  /** Every file in order, for results that list them all. */
  order: string[];
}

/**
 * Collects and reads the articles under `paths` and their sidecars, saying on stderr what cannot be
 * used and why. Sidecar annotations are placed in the current text (re-anchored when it changed) so
 * every command sees the same annotations whatever ran before. Throws CommandError (exit 2) when the
 * paths hold no article.
 */
export function loadArticles(paths: readonly string[], options: { sidecars?: boolean } = {}): Loaded {
  const files = collectArticles(paths);
  const loaded: Loaded = { articles: [], skipped: [], problems: 0, order: files };
  for (const file of files) {
    const path = displayPath(file);
    const read = readArticle(file);
    if (!read.ok) {
      say(`marginalia: ${path}: skipped: ${read.problem}`);
      loaded.skipped.push({ file, path, problem: read.problem });
      loaded.problems++;
      continue;
    }
    const article: LoadedArticle = { file, path, text: read.text };
    if (options.sidecars !== false) {
      const side = readSidecar(file);
      if (side.status === 'broken') {
        say(brokenSidecar(file, side.problem));
        article.sidecarProblem = side.problem;
        loaded.problems++;
      } else if (side.status === 'ok') {
        article.sidecar = { raw: side.raw, sidecar: side.sidecar, placed: placeAnnotations(read.text, side.sidecar) };
      }
    }
    loaded.articles.push(article);
  }
  if (!loaded.articles.length) throw new CommandError(`none of the ${files.length} file${files.length === 1 ? '' : 's'} under ${paths.join(', ')} could be read as an article (see above)`, 1);
  return loaded;
}

/** A document result for a file that was skipped before the analysis (the JSON lists every file). */
export function skippedDocument(path: string, problem: string): DocumentResult {
  return { path, entities: [], quotes: [], claims: [], boilerplate: [], skipped: problem };
}

/** loadArticles for a command: a CommandError is said on stderr and becomes the exit code to return. */
export function loadOrExit(paths: readonly string[], options: { sidecars?: boolean } = {}): Loaded | number {
  try {
    return loadArticles(paths, options);
  } catch (e) {
    if (!(e instanceof CommandError)) throw e;
    say(`marginalia: ${e.message}`);
    return e.exit;
  }
}
