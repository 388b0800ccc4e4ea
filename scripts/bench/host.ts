/**
 * The benchmark's extension-host part: a real VS Code (code-server, the repo's test harness in
 * scripts/code-server/) opens a workspace with the seeds and a large folder of articles, loads the
 * extension (a copy of the built one: snapshotExtension in scripts/bench.ts) as a development extension
 * and runs out/test/bench/index.js (from test/bench/index.ts) inside the extension host. That module
 * measures and prints `bench-host: name: value unit` lines; they reach this process through the
 * smoke-test driver's codeAutomationLog hook.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import type { Article } from './corpus';

export interface HostFigure {
  name: string;
  value: number;
  unit: string;
}

export type HostOutcome = { ok: true; figures: HostFigure[]; notes: string[]; seconds: number } | { ok: false; reason: string; figures: HostFigure[]; notes: string[] };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** Why the host part cannot run here, or null. Never installs anything: that is `node scripts/code-server/install.mjs`. */
export async function hostUnavailable(root: string, ext: string): Promise<string | null> {
  const install = await import(pathToFileURL(path.join(root, 'scripts/code-server/install.mjs')).href);
  const l = install.layout();
  if (!fs.existsSync(l.marker) || !fs.existsSync(l.entry)) return 'code-server is not installed: run `node scripts/code-server/install.mjs` (2-3 min, once)';
  const missing = install.missingPrerequisites({ needBuild: false, needBrowser: true }) as { why: string }[];
  if (missing.length) return missing.map((m) => m.why).join('; ');
  if (!fs.existsSync(path.join(root, 'out/test/bench/index.js'))) return 'out/test/bench/index.js is missing (node scripts/build.mjs builds it)';
  if (!fs.existsSync(path.join(ext, 'dist/extension.js'))) return 'dist/extension.js is missing (node scripts/build.mjs --production)';
  return null;
}

function writeArticles(dir: string, articles: readonly Article[]): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const a of articles) fs.writeFileSync(path.join(dir, path.basename(a.path)), a.text);
}

/**
 * Runs the in-host measurements on the extension in `ext` (a copy of the built extension). `folderArticles` go to `<workspace>/corpus/`; the seeds to
 * `<workspace>/seeds/`. Until the bench module widens it, the workspace setting `marginalia.articles`
 * limits the extension to the seeds, so activation and first highlights are measured on the five seeds,
 * and the large folder is analysed only by the timed `marginalia.analyzeFolder`.
 */
export async function runHostBench(root: string, ext: string, tmp: string, folderArticles: readonly Article[], timeoutMs: number, verbose: boolean, profile: boolean): Promise<HostOutcome> {
  const server = await import(pathToFileURL(path.join(root, 'scripts/code-server/server.mjs')).href);
  const ws = path.join(tmp, 'host-workspace');
  const seeds = server.copySeeds(ws) as string;
  const seed = fs.readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()[0];
  writeArticles(path.join(ws, 'corpus'), folderArticles);
  fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'marginalia.articles': 'seeds/*.txt' }, null, 2) + '\n');
  // The extension host inherits code-server's environment: this is how the bench module learns its inputs.
  process.env.MARGINALIA_BENCH_SEED = `seeds/${seed}`;
  process.env.MARGINALIA_BENCH_ALL = '**/*.txt';
  process.env.MARGINALIA_BENCH_ARTICLES = String(folderArticles.length + fs.readdirSync(seeds).length);
  if (profile) process.env.MARGINALIA_BENCH_PROFILE_DIR = path.join(root, '.bench');
  else delete process.env.MARGINALIA_BENCH_PROFILE_DIR;

  const figures: HostFigure[] = [];
  const notes: string[] = [];
  const log: string[] = [];
  const t0 = Date.now();
  const cs = await server.startCodeServer({ smokeTestDriver: true, folder: ws, scratchDir: path.join(tmp, 'host-state'), verbose, handleSignals: true });
  let browser: Any;
  try {
    browser = await server.launchChromium();
    const page = browser.page;
    const exit = new Promise<number>((resolve) => {
      page.exposeFunction('codeAutomationLog', (_level: string, message: unknown) => {
        const text = Array.isArray(message) ? format(...message) : String(message);
        log.push(text);
        if (verbose) process.stderr.write(`[host] ${text}\n`);
        for (const line of text.split('\n')) {
          const m = /^bench-host: (.+?): (-?[\d.]+(?:e[+-]?\d+)?) (\S+)\s*$/.exec(line.trim());
          if (m) figures.push({ name: m[1], value: Number(m[2]), unit: m[3] });
          const n = /^bench-host (note|error): (.*)$/.exec(line.trim());
          if (n) notes.push(n[1] === 'error' ? `error in ${n[2]}` : n[2]);
        }
      });
      page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    const url = server.workbenchUrl(cs, { folder: ws, extensionDevelopmentPath: ext, extensionTestsPath: path.join(root, 'out/test/bench/index.js') });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const code = await Promise.race([exit, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)))]);
    clearTimeout(timer);
    if (code === 'timeout') return { ok: false, reason: `the extension host did not finish within ${timeoutMs / 1000} s (log: .bench/host.log)`, figures, notes };
    const errors = notes.filter((n) => n.startsWith('error in '));
    if (code !== 0 || errors.length) return { ok: false, reason: errors.length ? errors.join('; ') : `the in-host bench exited with code ${code} (log: .bench/host.log)`, figures, notes };
    return { ok: true, figures, notes, seconds: (Date.now() - t0) / 1000 };
  } finally {
    // The whole in-host log, for when a figure is missing.
    fs.mkdirSync(path.join(root, '.bench'), { recursive: true });
    fs.writeFileSync(path.join(root, '.bench', 'host.log'), log.join('\n') + '\n');
    await browser?.close();
    await cs.stop();
  }
}
