// UI test: the real VS Code workbench (code-server) in headless Chromium, with Marginalia installed the way a user
// has it (a symlinked folder in the extensions dir, or a packaged .vsix with MARGINALIA_VSIX=file.vsix), on a temp
// copy of seeds/. Asserts on what the page shows and saves screenshots to test-results/.
//
// Run: node --test --test-reporter=spec test/ui/workbench.ui.mjs   (after `node scripts/build.mjs`)
// (scripts/code-server/run-integration.mjs runs it after the in-host suite.)
// Env: MARGINALIA_VSIX, MARGINALIA_EXTENSION_PATH (default: the repo), MARGINALIA_KEEP=1 (keep temp dirs), MARGINALIA_VERBOSE=1.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../../scripts/code-server/install.mjs';
import * as kit from './workbench-kit.mjs';
import { copySeeds, launchChromium, provideExtension, startCodeServer, workbenchUrl } from '../../scripts/code-server/server.mjs';

const SEED = '001_62bc780cabcabc76.txt';
const RESULTS = join(REPO_ROOT, 'test-results');
const SHOTS = ['seed-001-highlights.png', 'hover-putin.png', 'sidebar-quotes.png'];
const vsix = process.env.MARGINALIA_VSIX ? resolve(process.env.MARGINALIA_VSIX) : undefined;
const extensionPath = resolve(process.env.MARGINALIA_EXTENSION_PATH || REPO_ROOT);
const keep = !!process.env.MARGINALIA_KEEP;
const verbose = !!process.env.MARGINALIA_VERBOSE;

// Extension decorations are rendered by Monaco as elements with one class per decoration type, named `ced-…`.
const DECORATION = '[class^="ced-"], [class*=" ced-"]';

const CONSOLE_LOG = join(RESULTS, 'ui-console.log');
/** Error and warning lines from the extension host, as the browser console shows them. */
const hostConsoleErrors = [];
let tmp;
let server;
let chromium;
/** @type {import('playwright-core').Page} */
let page;

const shot = (name) => page.screenshot({ path: join(RESULTS, name) });

/** Error lines of the extension host's log (e.g. a failed activation), the first place to look when a step fails. */
function extensionHostErrors() {
  const logs = server && join(server.userDataDir, 'logs');
  if (!logs || !existsSync(logs)) return [];
  const files = readdirSync(logs, { recursive: true }).map(String).filter((f) => f.endsWith('exthost.log'));
  return files.flatMap((f) => readFileSync(join(logs, f), 'utf8').split('\n'))
    .filter((l) => /\[error\]/.test(l) && !/github|authentication/i.test(l))
    .slice(0, 12);
}

/** Runs a step; on failure saves a screenshot named after it and adds the extension host's errors, then rethrows. */
async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    await page?.screenshot({ path: join(RESULTS, `ui-failure-${name}.png`) }).catch(() => {});
    // Notifications the workbench shows (an extension's error message is often the whole story).
    const notes = page ? (await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts().catch(() => []))
      .map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean) : [];
    const errors = [...notes.map((n) => `notification: ${n}`), ...extensionHostErrors(),
      ...hostConsoleErrors.slice(-8).map((l) => l.slice(0, 500))];
    if (errors.length && e instanceof Error) {
      const extra = `\nworkbench notifications / extension host errors:\n  ${errors.join('\n  ')}`;
      e.message += extra;
      if (e.stack) e.stack += extra; // the stack (what the reporter prints) was fixed when the error was made
    }
    throw e;
  }
}

const activeEditor = () => kit.activeEditor(page);

/** The kinds the highlights paint (src/vscode/highlights): entity types, and QUOTE. */
const KINDS = ['PERSON', 'ORG', 'PLACE', 'DATE', 'NUMBER', 'QUOTE'];
/** Each kind's background colour (r,g,b) by theme kind, from the manifest. */
const PALETTE = Object.fromEntries(KINDS.map((k) => {
  const c = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).contributes.colors.find((x) => x.id === `marginalia.${k.toLowerCase()}.background`);
  const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(',');
  return [k, Object.fromEntries(Object.entries(c.defaults).map(([theme, hex]) => [theme, rgb(hex)]))];
}));

/** The annotations of a sidecar that are painted (not rejected, not orphaned), as [kind, start, end]. */
function paintedAnnotations(sidecar) {
  return sidecar.annotations
    .filter((a) => !a.orphaned && a.status !== 'rejected' && (a.kind === 'quote' || (a.kind === 'entity' && a.type)))
    .map((a) => [a.kind === 'quote' ? 'QUOTE' : a.type, a.target.start, a.target.end]);
}

/**
 * The highlights the editor draws, read from the DOM: every rendered view line, the line number its model line has,
 * and the characters under each box of the overlay layer that carries a Marginalia decoration class (ced-*), each
 * class resolved to the kind whose theme colour its CSS rule uses (var(--vscode-marginalia-<kind>-background)).
 * Returns the model lines rendered whole (every wrapped piece), their text as drawn, and for each kind the offsets
 * drawn in it.
 */
async function drawnHighlights(editor, text) {
  const view = await editor.evaluate((root, palette) => {
    // A decoration class's kind: the theme colour its CSS rule names, else the colour it is drawn in (one of the
    // manifest's defaults for that kind; no two kinds share one).
    const kindOf = new Map();
    const named = (cls) => {
      for (const sheet of document.styleSheets) {
        let rules;
        try { rules = sheet.cssRules; } catch { continue; }
        for (const r of rules) {
          if (!(r.selectorText ?? '').split(/[\s,>+~]+/).some((x) => x.split('.').includes(cls))) continue;
          const k = /--vscode-marginalia-(\w+)-(?:border|background)/.exec(r.cssText ?? '');
          if (k) return k[1].toUpperCase();
        }
      }
      return undefined;
    };
    const drawnIn = (el) => {
      const rgb = getComputedStyle(el).backgroundColor.match(/\d+/g)?.slice(0, 3).join(',');
      return Object.keys(palette).find((k) => Object.values(palette[k]).includes(rgb));
    };
    const classify = (el) => {
      for (const c of el.classList) {
        if (!c.startsWith('ced-') || kindOf.has(c)) continue;
        kindOf.set(c, named(c) ?? drawnIn(el) ?? `?${c} (${getComputedStyle(el).backgroundColor})`);
      }
    };
    for (const el of root.querySelectorAll('.view-overlays [class*="ced-"]')) classify(el);
    const tops = new Map();
    for (const n of root.querySelectorAll('.margin-view-overlays > div')) {
      const num = n.querySelector('.line-numbers')?.textContent?.trim();
      if (num) tops.set(parseFloat(n.style.top), Number(num));
    }
    // Backgrounds and borders are drawn in the overlay layer: boxes over the text, one per decoration and view line.
    const overlays = [...root.querySelectorAll('.view-overlays [class*="ced-"]')].map((el) => ({
      rect: el.getBoundingClientRect(),
      kinds: [...el.classList].filter((c) => c.startsWith('ced-')).map((c) => kindOf.get(c)),
    }));
    return [...root.querySelectorAll('.view-lines > .view-line')]
      .map((el) => {
        const box = el.getBoundingClientRect();
        // The text of the view line, and where each of its characters is drawn.
        let line = '';
        const xs = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          for (let i = 0; i < n.data.length; i++) {
            const r = document.createRange();
            r.setStart(n, i);
            r.setEnd(n, i + 1);
            const b = r.getBoundingClientRect();
            xs.push((b.left + b.right) / 2);
          }
          line += n.data.replace(/\u00a0/g, ' ');
        }
        const runs = [];
        for (const o of overlays) {
          const y = (o.rect.top + o.rect.bottom) / 2;
          if (y < box.top || y >= box.bottom || o.rect.width <= 0) continue;
          let start = -1;
          let end = -1;
          xs.forEach((x, i) => {
            if (x > o.rect.left && x < o.rect.right) {
              if (start < 0) start = i;
              end = i + 1;
            }
          });
          if (start >= 0) runs.push({ start, end, kinds: o.kinds });
        }
        return { top: parseFloat(el.style.top), number: tops.get(parseFloat(el.style.top)), text: line, runs };
      })
      .sort((a, b) => a.top - b.top);
  }, PALETTE);
  // Model lines: their start offsets in the file, and the pieces (view lines) each is drawn in.
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineText = (n) => text.slice(starts[n - 1], n < starts.length ? starts[n] - 1 : text.length);
  const pieces = new Map();
  let current;
  for (const v of view) {
    if (v.number) pieces.set((current = v.number), []);
    if (current !== undefined) pieces.get(current).push(v);
  }
  const lines = [];
  const drawn = new Map(KINDS.map((k) => [k, new Set()]));
  const unknown = new Set();
  for (const [n, vs] of pieces) {
    // Only a line drawn whole (its last piece may be below the fold) is compared; its pieces must read as the file.
    if (vs.map((v) => v.text).join('') !== lineText(n)) continue;
    lines.push(n);
    let at = starts[n - 1];
    for (const v of vs) {
      for (const r of v.runs) {
        for (const k of r.kinds) {
          if (!drawn.has(k)) unknown.add(k);
          else for (let i = r.start; i < r.end; i++) drawn.get(k).add(at + i);
        }
      }
      at += v.text.length;
    }
  }
  lines.sort((a, b) => a - b);
  return { lines, range: lines.length ? [starts[lines[0] - 1], lines[lines.length - 1] < starts.length ? starts[lines[lines.length - 1]] : text.length] : [0, 0], drawn, unknown, contiguous: lines.every((n, i) => i === 0 || n === lines[i - 1] + 1) };
}

/** Each kind's offsets drawn against the annotations of that kind within the lines drawn whole. */
function compareHighlights(annotations, { lines, range, drawn, unknown, contiguous }) {
  const problems = [];
  if (!lines.length) problems.push('no line of the article is drawn whole');
  if (!contiguous) problems.push(`the lines drawn whole are not contiguous: ${lines.join(',')}`);
  if (unknown.size) problems.push(`decoration classes of no Marginalia kind: ${[...unknown].join(', ')}`);
  const inView = annotations.filter(([, s, e]) => s >= range[0] && e <= range[1]);
  const kinds = new Set(inView.map(([k]) => k));
  const ranges = (set) => {
    const xs = [...set].sort((a, b) => a - b);
    const out = [];
    for (const x of xs) {
      if (out.length && out[out.length - 1][1] === x) out[out.length - 1][1] = x + 1;
      else out.push([x, x + 1]);
    }
    return out;
  };
  for (const k of KINDS) {
    const want = new Set();
    for (const [kk, s, e] of inView) if (kk === k) for (let i = s; i < e; i++) want.add(i);
    const got = new Set([...drawn.get(k)].filter((i) => i >= range[0] && i < range[1]));
    const missing = ranges([...want].filter((i) => !got.has(i)));
    const extra = ranges([...got].filter((i) => !want.has(i)));
    if (missing.length) problems.push(`${k} not drawn at ${JSON.stringify(missing.slice(0, 5))}`);
    if (extra.length) problems.push(`${k} drawn where no ${k} annotation is, at ${JSON.stringify(extra.slice(0, 5))}`);
  }
  return { problems, compared: inView.length, kinds };
}

describe('Marginalia in the VS Code workbench (code-server, headless Chromium)', { concurrency: 1 }, () => {
  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    for (const f of readdirSync(RESULTS)) {
      if (SHOTS.includes(f) || f.startsWith('ui-failure-')) rmSync(join(RESULTS, f), { force: true });
    }
    tmp = mkdtempSync(join(tmpdir(), 'marginalia-ui-'));
    if (!keep) process.on('exit', () => rmSync(tmp, { recursive: true, force: true })); // also after Ctrl+C
    const folder = copySeeds(tmp);
    server = await startCodeServer({
      folder,
      scratchDir: join(tmp, 'state'),
      keepScratch: keep,
      verbose,
      // Installed, not a development path: no smoke-test driver, so the workbench is exactly what a user sees.
      beforeStart: (dirs) => provideExtension({ ...dirs, ...(vsix ? { vsix } : { folder: extensionPath }) }),
    });
    chromium = await launchChromium();
    page = chromium.page;
    // The browser console carries the extension host's console output ("[Extension Host] …"): keep it all in
    // test-results/ui-console.log, and the errors for failure messages.
    writeFileSync(CONSOLE_LOG, '');
    page.on('console', (m) => {
      const line = `[${m.type()}] ${m.text()}`;
      appendFileSync(CONSOLE_LOG, line + '\n');
      if (verbose) console.error(`[browser] ${line}`);
      if ((m.type() === 'error' || m.type() === 'warning') && /Extension Host|marginalia/i.test(m.text())) hostConsoleErrors.push(line);
    });
    await page.goto(workbenchUrl(server, { folder }), { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    // The explorer lists the workspace once the remote file system is up.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: SEED }).first()
      .waitFor({ state: 'visible', timeout: 60_000 }).catch(() => {});
  }, { timeout: 120_000 });

  after(async () => {
    // VS Code's own logs (extension host included) for diagnosis: test-results/ui-logs/.
    const logs = server && join(server.userDataDir, 'logs');
    rmSync(join(RESULTS, 'ui-logs'), { recursive: true, force: true });
    if (logs && existsSync(logs)) cpSync(logs, join(RESULTS, 'ui-logs'), { recursive: true });
    await chromium?.close();
    await server?.stop();
    if (tmp && !keep) rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    if (keep && tmp) console.log(`kept ${tmp}`);
  });

  test(`opens ${SEED} with Quick Open and shows Marginalia's highlights`, { timeout: 180_000 }, () => step('highlights', async () => {
    await kit.openQuickInput(page, 'Control+P');
    await page.keyboard.type(SEED);
    // Generous waits: on a loaded 2-core machine file search and editor start-up can take many seconds.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: SEED }).first().waitFor({ state: 'visible', timeout: 45_000 });
    await page.keyboard.press('Enter');
    await page.locator(`.tabs-container .tab[aria-label*="${SEED}"]`).first().waitFor({ state: 'visible', timeout: 30_000 });
    const editor = activeEditor();
    await editor.locator('.view-lines').filter({ hasText: 'Biden talks sanctions' }).waitFor({ state: 'visible', timeout: 30_000 });

    // The extension activates on the article and paints its decorations.
    const decorations = editor.locator(DECORATION);
    await decorations.first().waitFor({ state: 'attached', timeout: 60_000 });
    await page.waitForTimeout(500); // let the other decoration types land before the picture
    const classes = await decorations.evaluateAll((els) =>
      [...new Set(els.flatMap((e) => [...e.classList].filter((c) => c.startsWith('ced-'))))]);
    console.log(`decorations: ${await decorations.count()} elements, ${classes.length} decoration types`);
    assert.ok(classes.length >= 1, 'no Marginalia decorations (ced-*) in the editor');
    await shot('seed-001-highlights.png');
  }));

  test(`the highlights drawn on ${SEED}'s visible lines are its annotations: each one's type and span, nothing else`, { timeout: 150_000 }, () => step('highlights-match', async () => {
    const editor = activeEditor();
    const file = join(server.folder, SEED);
    const text = readFileSync(file, 'utf8');
    const sidecar = `${file}.annotations.json`;
    let last;
    for (let attempt = 0; ; attempt++) {
      // What the extension holds for the article: Save Annotations (Ctrl+Alt+S) writes it to the sidecar, every
      // annotation with its kind, type and span, as the highlights are painted from.
      const before = existsSync(sidecar) ? readFileSync(sidecar, 'utf8') : '';
      await editor.click({ position: { x: 300, y: 10 } });
      await page.keyboard.press('Control+Alt+S');
      for (let i = 0; i < 50 && (!existsSync(sidecar) || (attempt === 0 && readFileSync(sidecar, 'utf8') === before)); i++) await page.waitForTimeout(200);
      assert.ok(existsSync(sidecar), 'Save Annotations wrote no sidecar');
      const expected = paintedAnnotations(JSON.parse(readFileSync(sidecar, 'utf8')));
      const drawn = await drawnHighlights(editor, text);
      const cmp = compareHighlights(expected, drawn);
      last = cmp.problems.join('\n  ');
      if (!cmp.problems.length) {
        console.log(`highlights on lines ${drawn.lines[0]}-${drawn.lines[drawn.lines.length - 1]}: ${cmp.compared} annotations drawn with their type and span (${[...cmp.kinds].join(', ')})`);
        // Not vacuous: the first screen of the seed holds names of several types and a quote.
        assert.ok(cmp.compared >= 10 && cmp.kinds.size >= 3, `only ${cmp.compared} annotations (${[...cmp.kinds]}) on the visible lines`);
        return;
      }
      // The folder analysis can still be landing (an open article gets a quick analysis first): look again.
      if (attempt >= 8) break;
      await page.waitForTimeout(2000);
    }
    assert.fail(`the highlights drawn differ from the annotations:\n  ${last}`);
  }));

  test('hovering "Putin" shows "Vladimir Putin"', { timeout: 90_000 }, () => step('hover', async () => {
    const file = join(server.folder, SEED);
    const { line, column } = kit.positionOf(file, /\bPutin\b/);
    // Go to Line puts the cursor on the word and scrolls it into view; then the mouse goes onto the rendered word.
    await kit.goTo(page, line, column);
    const { hover } = await kit.hoverWord(page, 'Putin', 'Vladimir Putin');
    const text = await hover.first().innerText();
    console.log(`hover: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
    assert.match(text, /Vladimir Putin/);
    await shot('hover-putin.png');
    await page.mouse.move(5, 500);
  }));

  test('the Marginalia side bar lists quotes from the article', { timeout: 90_000 }, () => step('sidebar', async () => {
    const item = page.locator('.part.activitybar .action-item a[aria-label^="Marginalia"], .part.activitybar .action-item[aria-label^="Marginalia"]').first();
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    const sidebar = page.locator('.part.sidebar');
    const title = sidebar.locator('.composite.title');
    if (!(await title.innerText().catch(() => '')).match(/marginalia/i)) await item.click();
    await sidebar.waitFor({ state: 'visible', timeout: 10_000 });
    await title.filter({ hasText: /marginalia/i }).waitFor({ state: 'visible', timeout: 10_000 });

    // Prefer a view whose title mentions quotes; expand it if collapsed.
    const panes = sidebar.locator('.pane');
    const quotePane = panes.filter({ has: page.locator('.pane-header', { hasText: /quot/i }) }).first();
    let rows;
    if (await quotePane.count()) {
      const header = quotePane.locator('.pane-header').first();
      if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
      rows = quotePane.locator('.monaco-list-row');
    } else {
      // A single view (or differently named ones): any row that shows quotation marks.
      rows = sidebar.locator('.monaco-list-row').filter({ hasText: /[“”"«»]|quot/i });
    }
    await rows.first().waitFor({ state: 'visible', timeout: 30_000 });
    const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
    console.log(`side bar rows (${texts.length}): ${JSON.stringify(texts.slice(0, 6))}`);
    // At least one row shows a quotation from the article itself (rows may be grouped, e.g. under speakers).
    const article = readFileSync(join(server.folder, SEED), 'utf8').replace(/\s+/g, ' ');
    const quotes = texts
      .map((t) => /[“"«]\s*([^”"»…]{8,})/.exec(t)?.[1]?.trim())
      .filter((q) => q && article.includes(q.slice(0, 40)));
    console.log(`quotes from ${SEED} in the side bar: ${quotes.length}`);
    assert.ok(quotes.length >= 1,
      `the Marginalia side bar lists no quote from ${SEED}; side bar shows: ${JSON.stringify((await sidebar.innerText()).slice(0, 600))}`);
    // The activity-bar item keeps its "Marginalia" tooltip while it has the mouse or focus: move both away.
    await sidebar.locator('.composite.title').click({ position: { x: 150, y: 10 } });
    await page.keyboard.press('Escape');
    await page.waitForTimeout(800);
    await shot('sidebar-quotes.png');
  }));
});
