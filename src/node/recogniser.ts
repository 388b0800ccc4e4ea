import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compromiseRecogniser, type NameRecogniser } from '../core';
import { nerRecogniserFromBytes } from '../core/entities/ner-recogniser';

/** Where the shipped model lives relative to a bundle in dist/ or out/…, or the repo root. */
function modelPath(): string | undefined {
  for (const up of ['..', '../..', '../../..']) {
    const p = join(__dirname, up, 'models', 'ner-conll.bin');
    if (existsSync(p)) return p;
  }
  return undefined;
}

let cached: NameRecogniser | undefined;

/**
 * The name recogniser for Node hosts (CLI, scripts): the trained tagger shipped in models/, or
 * compromise when the model file is missing (said once on stderr) or MARGINALIA_RECOGNISER=compromise.
 */
export function loadRecogniser(): NameRecogniser {
  if (cached) return cached;
  const path = process.env.MARGINALIA_RECOGNISER === 'compromise' ? undefined : modelPath();
  if (!path) {
    if (process.env.MARGINALIA_RECOGNISER !== 'compromise') process.stderr.write('marginalia: models/ner-conll.bin not found; using the compromise recogniser\n');
    cached = compromiseRecogniser;
  } else {
    try {
      cached = nerRecogniserFromBytes(new Uint8Array(readFileSync(path)));
    } catch (e) {
      process.stderr.write(`marginalia: cannot load ${path} (${(e as Error).message}); using the compromise recogniser\n`);
      cached = compromiseRecogniser;
    }
  }
  return cached;
}
