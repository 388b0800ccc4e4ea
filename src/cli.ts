import { ANALYZE_USAGE, runAnalyze } from './cli/analyze';
import { CHECK_USAGE, runCheck } from './cli/check';
import { EXPORT_USAGE, runExport } from './cli/export';
import { IMPORT_USAGE, runImport } from './cli/import';
import { MERGE_USAGE, runMergeSidecar } from './cli/merge';
import { AGREE_USAGE, runAgree } from './cli/agree';
import { MAP_USAGE, runMap } from './cli/map';
import { LINK_USAGE, runLink } from './cli/link';
import { serveMapWorker } from './cli/pool';
import { EXIT, say } from './cli/args';
import { VERSION } from './version';
import { enlargeYoungGeneration } from './node/young-generation';

const COMMANDS: Record<string, { usage: string; run: (args: readonly string[]) => number | Promise<number> }> = {
  analyze: { usage: ANALYZE_USAGE, run: runAnalyze },
  check: { usage: CHECK_USAGE, run: runCheck },
  export: { usage: EXPORT_USAGE, run: runExport },
  import: { usage: IMPORT_USAGE, run: runImport },
  'merge-sidecar': { usage: MERGE_USAGE, run: runMergeSidecar },
  agree: { usage: AGREE_USAGE, run: runAgree },
  map: { usage: MAP_USAGE, run: runMap },
  link: { usage: LINK_USAGE, run: runLink },
};

const USAGE = `Usage: marginalia <command> [options]   (marginalia <command> --help for one command)

${Object.values(COMMANDS)
  .map((c) => c.usage)
  .join('')}
Exit codes: 0 done; 1 failed (something named on stderr was not read, analysed, written or exported;
the rest was done); 2 usage (bad arguments, a path that does not exist, no articles: nothing was done).
`;

function main(argv: string[]): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    const one = rest[0] !== undefined ? COMMANDS[rest[0]] : undefined;
    process.stdout.write(one ? `Usage:\n${one.usage}` : USAGE);
    return EXIT.done;
  }
  if (command === '--version' || command === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.done;
  }
  const c = command !== undefined ? COMMANDS[command] : undefined;
  if (!c) {
    say(command === undefined ? `marginalia: give a command: ${Object.keys(COMMANDS).join(', ')}` : `marginalia: unknown command ${JSON.stringify(command)}: the commands are ${Object.keys(COMMANDS).join(', ')} and help`);
    process.stderr.write(USAGE);
    return EXIT.usage;
  }
  return c.run(rest);
}

// `marginalia analyze … --json | head` closes the pipe early; that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

function unexpected(e: unknown) {
  process.stderr.write(`marginalia: unexpected error: ${(e as Error).stack ?? (e as Error).message}\nPlease report it with the command you ran.\n`);
  process.exitCode = EXIT.failed;
}

// The same bundle runs the map workers of `analyze` (cli/pool).
if (!serveMapWorker()) {
  enlargeYoungGeneration();
  try {
    const done = main(process.argv.slice(2));
    if (typeof done === 'number') process.exitCode = done;
    else done.then((code) => (process.exitCode = code), unexpected);
  } catch (e) {
    unexpected(e);
  }
}
