// The git merge driver for sidecars as a file of its own, shipped inside the .vsix (dist/merge-driver.js), so that
// a repository set up from VS Code (Marginalia: Set Up Merging of Annotations) merges without a checkout of the CLI.
// Same arguments and exit codes as `marginalia merge-sidecar` (src/cli/merge.ts).
import { runMergeSidecar } from './cli/merge';

try {
  process.exitCode = runMergeSidecar(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`marginalia merge-sidecar: unexpected error: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
