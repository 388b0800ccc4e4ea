// The extension-host part of `npm run bench` (scripts/bench.ts → scripts/bench/host.ts). VS Code loads the
// bundled out/test/bench/index.js as extensionTestsPath and calls run(); each figure is printed as a
// `bench-host: name: value unit` line, which reaches the bench through the smoke-test driver's log hook.
//
// The workspace (made by scripts/bench/host.ts) holds seeds/ and corpus/ (about 1,000 articles), with the
// workspace setting `marginalia.articles` = `seeds/*.txt` so activation sees the seeds only. Measured:
//   1. activation, as a user starts it: a seed is opened, which activates the extension (onLanguage:plaintext).
//      Node's module loader is wrapped for the extension's main file, so the extension's own activation
//      (loading its bundle, then its activate() call) is timed apart from VS Code's activation machinery
//      (the other extensions it activates at the same time, the extension context);
//   2. first highlights: from the extension's activate() call until the opened seed's state (annotations,
//      what the highlights draw) is in the store (`api.store.get(uri)`, polled; `api.ready`, the whole folder,
//      comes later);
//   3. responsiveness: the setting is widened to every article, then `marginalia.analyzeFolder` runs
//      while a setInterval(…, 10) monitor records how late each tick is (the event loop was blocked that
//      long); perf_hooks' monitorEventLoopDelay gives a second opinion.
// CPU times are of the whole extension-host process (the extension and VS Code's own work in it).
// With MARGINALIA_BENCH_PROFILE_DIR set (bench --host-profile) the host profiles itself with node:inspector
// and writes host-activation.cpuprofile and host-analyze-folder.cpuprofile there (timings then include
// the profiler's overhead).
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import Module from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';

interface Api {
  store: {
    get(uri: vscode.Uri): { result?: { entities?: { start: number; type: string }[] } } | undefined;
    all: unknown[];
    onDidChange?: vscode.Event<void>;
    recogniserId?: string;
    analysis?: { startup?: { asked?: number; tagger?: number; firstText?: number; firstOutcome?: number }; workerHeapPeak?(): Promise<number | undefined> };
  };
  ready: Promise<void>;
}

const say = (name: string, value: number, unit: string) => console.log(`bench-host: ${name}: ${Math.round(value * 10) / 10} ${unit}`);
const note = (text: string) => console.log(`bench-host note: ${text}`);
const fail = (what: string, e: unknown) => console.log(`bench-host error: ${what}: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

/** Runs `f` under the V8 sampling profiler when MARGINALIA_BENCH_PROFILE_DIR is set. */
async function profiled<T>(name: string, f: () => Promise<T>): Promise<T> {
  const dir = process.env.MARGINALIA_BENCH_PROFILE_DIR;
  if (!dir) return f();
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await f();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `host-${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
    note(`profile written to ${path.join(dir, `host-${name}.cpuprofile`)}`);
  }
}

/**
 * Times the loading of `main` (the extension's bundle) and its exported activate() while `f` runs, by
 * wrapping Module._load. Returns undefined figures when the host loaded the bundle some other way.
 */
interface LoadTiming {
  /** performance.now() when the bundle started loading, and when its activate() was called. */
  loadAt?: number;
  activateAt?: number;
  loadMs?: number;
  activateMs?: number;
}

async function withLoadTiming<T>(main: string, f: () => Promise<T>): Promise<{ result: T } & LoadTiming> {
  const mod = Module as unknown as { _load: Load };
  const original = mod._load;
  const timing: LoadTiming = {};
  mod._load = function (this: unknown, request: string, parent: unknown, isMain: boolean) {
    const resolved = path.isAbsolute(request) ? path.resolve(request) : request;
    if (resolved !== main && resolved !== main.replace(/\.js$/, '')) return original.call(this, request, parent, isMain);
    const t = (timing.loadAt = performance.now());
    const exports = original.call(this, request, parent, isMain) as Record<string, unknown>;
    timing.loadMs = performance.now() - t;
    if (!exports || typeof exports.activate !== 'function') return exports;
    const activate = exports.activate as (...a: unknown[]) => unknown;
    return new Proxy(exports, {
      get(target, key, receiver) {
        if (key !== 'activate') return Reflect.get(target, key, receiver);
        return (...args: unknown[]) => {
          const t1 = (timing.activateAt = performance.now());
          try {
            return activate(...args);
          } finally {
            timing.activateMs = performance.now() - t1;
          }
        };
      },
    });
  };
  try {
    return { result: await f(), ...timing };
  } finally {
    mod._load = original;
  }
}

/** Says which name recogniser the extension used: without the trained tagger the figures mean less. */
function checkRecogniser(api: Api): void {
  const id = api.store.recogniserId;
  if (id === undefined) return;
  note(`recogniser in the extension host: ${id}`);
  if (id === 'none' || id === 'unknown' || id.startsWith('compromise')) note(`the extension did not use the trained tagger (recogniser ${id}): these host figures are without it`);
}

/**
 * 1 + 2. Activation as a user starts it (opening an article), then the first highlights on that article. Returns
 * the API, or undefined when activation failed.
 */
async function activation(ext: vscode.Extension<Api>, seed: vscode.Uri): Promise<Api | undefined> {
  const main = path.resolve(ext.extensionPath, (ext.packageJSON as { main?: string }).main ?? 'dist/extension.js');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let api: Api;
  let timing: LoadTiming;
  let shown: Thenable<unknown> = Promise.resolve();
  try {
    const r = await withLoadTiming(main, async () => {
      // Opening the article activates the extension (onLanguage:plaintext); activate() joins that activation.
      const doc = await vscode.workspace.openTextDocument(seed);
      shown = vscode.window.showTextDocument(doc);
      return ext.activate();
    });
    api = r.result;
    timing = r;
  } catch (e) {
    fail('activate()', e);
    return undefined;
  }
  const t1 = performance.now();
  if (timing.loadMs === undefined || timing.activateMs === undefined || timing.loadAt === undefined || timing.activateAt === undefined) {
    note('the activation breakdown is not available (the host did not load the bundle through Module._load)');
    return undefined;
  }
  say('activation', timing.loadMs + timing.activateMs, 'ms');
  say('activation: loading the bundle', timing.loadMs, 'ms');
  say('activation: the activate() call', timing.activateMs, 'ms');
  say('activation with VS Code\'s machinery', t1 - timing.loadAt, 'ms');
  say('opening the article to activated', t1 - t0, 'ms');
  say('activation CPU', cpuMs(c0), 'ms');
  // The opened seed's highlights come from the first (open articles) pass; api.ready waits for the whole folder.
  const deadline = performance.now() + 30_000;
  while (!api.store.get(seed) && performance.now() < deadline) await sleep(2);
  if (api.store.get(seed)) {
    say('first highlights', performance.now() - timing.activateAt, 'ms');
    say('first highlights CPU', cpuMs(c0), 'ms');
    // Where the time went, from the activate() call: the worker asked for, its tagger loaded, the first text handed to it, its first outcome here.
    const startup = api.store.analysis?.startup ?? {};
    for (const [name, at] of [['worker asked for', startup.asked], ['tagger loaded in the worker', startup.tagger], ['first article sent to the worker', startup.firstText], ['first outcome received', startup.firstOutcome]] as const) {
      if (at !== undefined) say(`first highlights: ${name}`, at - timing.activateAt, 'ms');
    }
  } else note('the seed never got a state within 30 s of activation');
  await shown;
  await api.ready.catch((e) => fail('api.ready', e));
  say('activation to api.ready', performance.now() - timing.activateAt, 'ms');
  say('articles after activation', api.store.all.length, 'count');
  checkRecogniser(api);
  return api;
}

/** Milliseconds for VS Code to answer a hover on `at` (every extension's hover providers, through the renderer). */
async function hoverMs(uri: vscode.Uri, at: vscode.Position): Promise<number> {
  const t = performance.now();
  await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, at);
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Where to hover on the seed: its first person's name (a hover that reads the store). */
async function hoverTarget(api: Api, seed: vscode.Uri): Promise<vscode.Position | undefined> {
  const doc = await vscode.workspace.openTextDocument(seed);
  const person = api.store.get(seed)?.result?.entities?.find((e) => e.type === 'PERSON');
  return person ? doc.positionAt(person.start + 1) : undefined;
}

/**
 * The host thread's heap after a full collection: what it keeps, where the peak also counts garbage. V8's gc() is
 * exposed for it here, in the bench's extension host only, and only once the memory figures are taken.
 */
function liveHeap(): number | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    (vm.runInNewContext('gc') as () => void)();
    return process.memoryUsage().heapUsed;
  } catch {
    return undefined;
  }
}

/** 3. Event-loop blocking, hover latency and memory while the whole folder is analysed; then hovers once it is idle. */
async function analyzeFolder(api: Api, seed: vscode.Uri): Promise<void> {
  const at = await hoverTarget(api, seed);
  if (!at) note('no person in the seed to hover on: no hover figures');
  // RSS is the whole process; heapUsed is the host thread's own V8 heap (not the worker's): their gap is the
  // worker's heap, native memory and VS Code's, which tells where the memory goes.
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  await api.store.analysis?.workerHeapPeak?.(); // starts the worker's own watch: its heap is not in heapUsed
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 100);
  // Hovers one after another, each 200 ms after the last answer, for as long as the analysis runs.
  const busyHovers: number[] = [];
  let analysing = true;
  const hovering = (async () => {
    while (at && analysing) {
      busyHovers.push(await hoverMs(seed, at));
      await sleep(200);
    }
  })();
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let last = performance.now();
  let longest = 0;
  let over50 = 0;
  const tick = () => {
    const now = performance.now();
    const late = now - last - 10;
    if (late > longest) longest = late;
    if (late > 50) over50++;
    last = now;
  };
  const monitor = setInterval(tick, 10);
  histogram.enable();
  const c2 = process.cpuUsage();
  const t2 = performance.now();
  let ok = true;
  try {
    await vscode.commands.executeCommand('marginalia.analyzeFolder');
  } catch (e) {
    ok = false;
    fail('marginalia.analyzeFolder', e);
  }
  const t3 = performance.now();
  const c3 = cpuMs(c2);
  const workerHeap = await api.store.analysis?.workerHeapPeak?.();
  analysing = false;
  await sleep(30); // one more tick, so a block that ended with the command is counted
  clearInterval(monitor);
  clearInterval(sampler);
  histogram.disable();
  await hovering;
  if (!ok) return;
  if (at) {
    await sleep(2000); // the views and highlights redraw after the analysis: idle means after them
    const idleHovers: number[] = [];
    for (let i = 0; i < 10; i++) {
      idleHovers.push(await hoverMs(seed, at));
      await sleep(200);
    }
    say('hover latency while the folder is analysed', Math.max(...busyHovers), 'ms');
    say('hover latency while the folder is analysed (median)', median(busyHovers), 'ms');
    say('hovers while the folder is analysed', busyHovers.length, 'count');
    say('hover latency idle', Math.max(...idleHovers), 'ms');
    say('hover latency idle (median)', median(idleHovers), 'ms');
  }
  // worker_threads run in the extension host's process: its RSS is the host plus the analysis worker.
  say('extension host + worker memory', rss / 2 ** 20, 'MB');
  say('extension host thread heap (peak)', heap / 2 ** 20, 'MB');
  const live = liveHeap();
  if (live !== undefined) say('extension host thread heap after the folder pass, live', live / 2 ** 20, 'MB');
  if (workerHeap !== undefined) say('analysis worker heap (peak)', workerHeap / 2 ** 20, 'MB');
  say('analyzeFolder', t3 - t2, 'ms');
  say('analyzeFolder CPU', c3, 'ms');
  say('articles analysed', api.store.all.length, 'count');
  say('longest event-loop block', longest, 'ms');
  say('event-loop blocks over 50 ms', over50, 'count');
  say('monitorEventLoopDelay max', histogram.max / 1e6, 'ms');
  const expected = Number(process.env.MARGINALIA_BENCH_ARTICLES ?? 0);
  if (expected && api.store.all.length < expected) note(`only ${api.store.all.length} of ${expected} articles were in the store after analyzeFolder`);
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<Api>('marginalia.marginalia');
  if (!ext) throw new Error('extension marginalia.marginalia is not loaded');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('no workspace folder');
  const seed = vscode.Uri.joinPath(folder, process.env.MARGINALIA_BENCH_SEED ?? 'seeds/000.txt');
  if (ext.isActive) note('the extension was already active before the bench started: activation time is not a cold one');
  // What the extension host holds before Marginalia runs (VS Code's own host, the built-in extensions): the share of
  // the 'extension host + worker memory' figure that is not Marginalia's.
  say('extension host memory before activation', process.memoryUsage().rss / 2 ** 20, 'MB');
  say('extension host thread heap before activation', process.memoryUsage().heapUsed / 2 ** 20, 'MB');

  const api = await profiled('activation', () => activation(ext, seed));
  if (!api) return;

  // Let the editor-open debounce and its re-analysis pass before the next measurement: wait until the
  // store has not changed for 2 s (at most 20 s), so no refresh overlaps the timed analyzeFolder.
  let lastChange = performance.now();
  const sub = api.store.onDidChange?.(() => (lastChange = performance.now()));
  const quietBy = performance.now() + 20_000;
  await sleep(2000);
  while (performance.now() - lastChange < 2000 && performance.now() < quietBy) await sleep(100);
  sub?.dispose();
  // Widen `marginalia.articles` to the whole folder. The settings file is written directly (not through
  // a configuration update, which saves a text model and runs save participants) and the change awaited.
  const changed = new Promise<boolean>((resolve) => {
    const s = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('marginalia.articles')) return;
      s.dispose();
      resolve(true);
    });
    setTimeout(() => resolve(false), 10_000);
  });
  const settings = vscode.Uri.joinPath(folder, '.vscode', 'settings.json');
  await vscode.workspace.fs.writeFile(settings, new TextEncoder().encode(JSON.stringify({ 'marginalia.articles': process.env.MARGINALIA_BENCH_ALL ?? '**/*.txt' }) + '\n'));
  if (!(await changed)) note('the widened marginalia.articles setting was not seen within 10 s');
  await sleep(300);

  await profiled('analyze-folder', () => analyzeFolder(api, seed));
}
