import { analyzeCommand } from './cli/analyze';

const USAGE = `Usage:
  marginalia analyze <files or folders…> [--json] [--write]
      Analyse articles (.txt, .md): entities, quotes, claims, facts across them.
      --json   print the analysis as JSON (the public contract)
      --write  write each article's sidecar (<article>.annotations.json), keeping all user decisions
`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const paths = rest.filter((a) => !a.startsWith('--'));
  if (command === 'analyze' && paths.length) return analyzeCommand(paths, flags);
  process.stderr.write(USAGE);
  return command === 'help' || command === '--help' ? 0 : 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`marginalia: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
