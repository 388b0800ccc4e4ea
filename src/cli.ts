import { analyzeCommand } from './cli/analyze';
import { checkCommand } from './cli/check';

const USAGE = `Usage:
  marginalia analyze <files or folders…> [--json] [--write]
      Analyse articles (.txt, .md): entities, quotes, claims, facts across them.
      --json   print the analysis as JSON (the public contract)
      --write  write each article's sidecar (<article>.annotations.json), keeping all user decisions
  marginalia check <files or folders…> [--json] [--write]
      Re-anchor each article's sidecar against its current text; report anchored, moved and orphaned
      annotations. --write saves the re-anchored sidecars (orphans are kept).
`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const paths = rest.filter((a) => !a.startsWith('--'));
  if (command === 'analyze' && paths.length) return analyzeCommand(paths, flags);
  if (command === 'check' && paths.length) return checkCommand(paths, flags);
  process.stderr.write(USAGE);
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
