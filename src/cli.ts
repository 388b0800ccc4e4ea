import { analyzeCommand } from './cli/analyze';
import { checkCommand } from './cli/check';
import { runExport, EXPORT_USAGE } from './cli/export';
import { runImport, IMPORT_USAGE } from './cli/import';

const USAGE = `Usage:
  marginalia analyze <files or folders…> [--json] [--write]
      Analyse articles (.txt, .md): entities, quotes, claims, facts across them.
      --json   print the analysis as JSON (the public contract)
      --write  write each article's sidecar (<article>.annotations.json), keeping all user decisions
  marginalia check <files or folders…> [--json] [--write]
      Re-anchor each article's sidecar against its current text; report anchored, moved and orphaned
      annotations. --write saves the re-anchored sidecars (orphans are kept).
`;
const FULL_USAGE = `${USAGE}${EXPORT_USAGE}${IMPORT_USAGE}`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  // export/import take options with values (`--format w3c`): they read their own arguments.
  if (command === 'export') return runExport(rest);
  if (command === 'import') return runImport(rest);
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const paths = rest.filter((a) => !a.startsWith('--'));
  if (command === 'analyze' && paths.length) return analyzeCommand(paths, flags);
  if (command === 'check' && paths.length) return checkCommand(paths, flags);
  process.stderr.write(FULL_USAGE);
  return command === 'help' || command === '--help' ? 0 : 2;
}

// `marginalia analyze … --json | head` closes the pipe early; that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`marginalia: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
