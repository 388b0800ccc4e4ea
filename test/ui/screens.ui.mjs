// UI test of what a person does with the installed extension, and the pictures of it: the README screenshot, the
// Getting Started walkthrough's images, and the accessibility shots (high-contrast themes). The real VS Code workbench
// (code-server) in headless Chromium with Marginalia installed as a user has it (a symlinked folder in the extensions
// dir, or a packaged .vsix with MARGINALIA_VSIX=file.vsix), on a temp copy of seeds/.
//
// Steps, each asserting on what the page shows: tag a quote from the Quotes view (inline Tag… button, tag picker);
// expand a fact the articles disagree on in the Claims view; hover a name; save from the Command Palette and look at
// the sidecar; export from the Command Palette (format picker, scope picker, save dialog) and parse the file; open
// the walkthrough from the Command Palette and check its steps are done; switch to the high-contrast themes.
//
// Screenshots go to test-results/ (full page) and test-results/media/ (the crops the README and the walkthrough
// use). MARGINALIA_UPDATE_MEDIA=1 also copies the crops into media/ (then commit them).
//
// Run: node --test --test-reporter=spec test/ui/screens.ui.mjs   (after `node scripts/build.mjs`)
// (scripts/code-server/run-integration.mjs runs every test/ui/*.ui.mjs after the in-host suite.)
// Env: MARGINALIA_VSIX, MARGINALIA_EXTENSION_PATH (default: the repo), MARGINALIA_KEEP=1, MARGINALIA_VERBOSE=1,
//      MARGINALIA_UPDATE_MEDIA=1.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { REPO_ROOT } from '../../scripts/code-server/install.mjs';
import * as kit from './workbench-kit.mjs';
import { copySeeds, launchChromium, provideExtension, startCodeServer, workbenchUrl } from '../../scripts/code-server/server.mjs';

const SEED = '001_62bc780cabcabc76.txt';
const RESULTS = join(REPO_ROOT, 'test-results');
const CROPS = join(RESULTS, 'media');
/** Crops that become the repo's pictures (test-results/media/<name> → media/<name>). */
const MEDIA = ['screenshot.png', 'claims.png', 'high-contrast.png', 'walkthrough/open-articles.png', 'walkthrough/hover.png', 'walkthrough/tag-quote.png', 'walkthrough/save.png', 'walkthrough/export.png'];
const SHOTS = ['quotes-tagged.png', 'claims-discrepancy.png', 'sidecar-saved.png', 'export-formats.png', 'walkthrough.png', 'seed-001-high-contrast.png', 'seed-001-high-contrast-light.png', 'readme-screenshot.png'];
const vsix = process.env.MARGINALIA_VSIX ? resolve(process.env.MARGINALIA_VSIX) : undefined;
const extensionPath = resolve(process.env.MARGINALIA_EXTENSION_PATH || REPO_ROOT);
const keep = !!process.env.MARGINALIA_KEEP;
const verbose = !!process.env.MARGINALIA_VERBOSE;
const DECORATION = '[class^="ced-"], [class*=" ced-"]';
const STEPS = ['Open your articles', 'Hover a name', 'Tag a quote from the side bar', 'Save your annotations', 'Export the annotation set'];

let tmp;
let server;
let chromium;
/** @type {import('playwright-core').Page} */
let page;
const consoleLines = [];

const shot = (name) => page.screenshot({ path: join(RESULTS, name) });

/** A screenshot of the part of the page around `boxes` (with a margin), inside the page, at most maxW × maxH. */
async function crop(name, boxes, { pad = 16, maxW = 1000, maxH = 640, minW = 0, minH = 0 } = {}) {
  const bs = boxes.filter(Boolean);
  assert.ok(bs.length, `nothing to crop for ${name}`);
  const vp = page.viewportSize();
  const x = Math.max(0, Math.min(...bs.map((b) => b.x)) - pad);
  const y = Math.max(0, Math.min(...bs.map((b) => b.y)) - pad);
  let w = Math.max(minW, Math.max(...bs.map((b) => b.x + b.width)) + pad - x);
  let h = Math.max(minH, Math.max(...bs.map((b) => b.y + b.height)) + pad - y);
  w = Math.min(w, maxW, vp.width - x);
  h = Math.min(h, maxH, vp.height - y);
  const path = join(CROPS, name);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, clip: { x: Math.round(x), y: Math.round(y), width: Math.round(w), height: Math.round(h) } });
}

async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    await page?.screenshot({ path: join(RESULTS, `screens-failure-${name}.png`) }).catch(() => {});
    await page?.keyboard.press('Escape').catch(() => {}); // a picker left open would block the next steps
    const notes = page ? (await page.locator('.notifications-toasts').allTextContents().catch(() => [])).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean) : [];
    const errors = [...notes.map((n) => `notification: ${n}`), ...consoleLines.filter((l) => /^\[(error|warning)\].*(Extension Host|marginalia)/i.test(l)).slice(-8)];
    if (errors.length && e instanceof Error) e.message += `\nworkbench notifications / extension host errors:\n  ${errors.join('\n  ')}`;
    throw e;
  }
}

/** Runs a command from the Command Palette by its title, as a person would. */
async function palette(title) {
  // The row whose label is the title (not the first match: "Color Theme" also finds "Browse Color Themes…").
  const re = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: re }) }).first();
  // The palette lists the commands known when it opens: right after start-up the installed extensions may not be
  // registered yet, so close it and look again.
  const until = Date.now() + 60_000;
  // (Also when the widget is still closing from the previous picker and will not take text yet.)
  for (;;) {
    await openQuickInput('F1');
    const typed = await page.locator('.quick-input-widget input').fill(`>${title}`, { timeout: 5000 }).then(() => true, () => false);
    if (typed && (await row.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false))) break;
    if (Date.now() > until) throw new Error(`the Command Palette does not offer ${title}`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
  }
  await row.click();
}

/** Picks the row of the visible quick pick that contains `text`. */
async function pick(text) {
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

const activeEditor = () => kit.activeEditor(page);
const openQuickInput = (keys) => kit.openQuickInput(page, keys);
const goTo = (line, column) => kit.goTo(page, line, column);
const hoverWord = (word, expect) => kit.hoverWord(page, word, expect);

async function openFile(name, expectText) {
  // The row of exactly that file (Enter would open the top row, which may be a recently opened file with a similar
  // name, or a stale entry such as the temporary file of an atomic save, `<name>.tmp-…`).
  const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
  // Quick Open searches an index of the folder's files: a file written a moment ago may not be in it yet, so close
  // it and search again.
  const until = Date.now() + 60_000;
  for (;;) {
    await openQuickInput('Control+P');
    await page.keyboard.type(name);
    if (await row.waitFor({ state: 'visible', timeout: 8000 }).then(() => true, () => false)) break;
    if (Date.now() > until) throw new Error(`Quick Open does not find ${name}`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1000);
  }
  await row.click();
  await page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).first().waitFor({ state: 'visible', timeout: 30_000 });
  if (expectText) await activeEditor().locator('.view-lines').filter({ hasText: expectText }).waitFor({ state: 'visible', timeout: 30_000 });
}

/** Shows the Marginalia side bar and the pane whose title matches `title` (expanded). */
async function marginaliaPane(title) {
  const sidebar = page.locator('.part.sidebar');
  const titleBar = sidebar.locator('.composite.title');
  if (!(await titleBar.innerText().catch(() => '')).match(/marginalia/i)) {
    const item = page.locator('.part.activitybar .action-item a[aria-label^="Marginalia"], .part.activitybar .action-item[aria-label^="Marginalia"]').first();
    await item.click();
  }
  await titleBar.filter({ hasText: /marginalia/i }).waitFor({ state: 'visible', timeout: 15_000 });
  const pane = sidebar.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: title }) }).first();
  await pane.waitFor({ state: 'visible', timeout: 15_000 });
  const header = pane.locator('.pane-header').first();
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  return pane;
}

/** Collapses the Marginalia panes whose titles match `re` (room for the others in the pictures). */
async function collapsePanes(re) {
  for (const header of await page.locator('.part.sidebar .pane-header').all()) {
    const text = await header.innerText().catch(() => '');
    if (re.test(text) && (await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }
}

/** Drags the side bar's edge so that it is `width` pixels wide (room for the tree items' descriptions). */
async function widenSidebar(width) {
  const bar = await page.locator('.part.sidebar').boundingBox();
  if (!bar || Math.abs(bar.width - width) < 8) return;
  const edge = bar.x + bar.width;
  const sashes = await page.locator('.monaco-sash.vertical').all();
  for (const sash of sashes) {
    const b = await sash.boundingBox();
    if (!b || Math.abs(b.x + b.width / 2 - edge) > 6) continue;
    const y = bar.y + bar.height / 2;
    await page.mouse.move(b.x + b.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(bar.x + width, y, { steps: 8 });
    await page.mouse.up();
    return;
  }
}

/** Chooses a colour theme with Preferences: Color Theme, as a person would. */
async function colorTheme(label) {
  await palette('Preferences: Color Theme');
  // The theme picker replaces the palette in the same widget: wait for its rows before typing.
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'High Contrast' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type(label);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

describe('Marginalia, as a person uses it, in pictures (code-server, headless Chromium)', { concurrency: 1 }, () => {
  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    for (const f of readdirSync(RESULTS)) if (SHOTS.includes(f) || f.startsWith('screens-failure-')) rmSync(join(RESULTS, f), { force: true });
    rmSync(CROPS, { recursive: true, force: true });
    tmp = mkdtempSync(join(tmpdir(), 'marginalia-screens-'));
    if (!keep) process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
    const folder = copySeeds(tmp);
    server = await startCodeServer({
      folder,
      scratchDir: join(tmp, 'state'),
      keepScratch: keep,
      verbose,
      beforeStart: (dirs) => provideExtension({ ...dirs, ...(vsix ? { vsix } : { folder: extensionPath }) }),
    });
    chromium = await launchChromium();
    page = chromium.page;
    const log = join(RESULTS, 'ui-screens-console.log');
    writeFileSync(log, '');
    page.on('console', (m) => {
      const line = `[${m.type()}] ${m.text()}`;
      appendFileSync(log, line + '\n');
      consoleLines.push(line);
      if (verbose) console.error(`[browser] ${line}`);
    });
    await page.goto(workbenchUrl(server, { folder }), { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: SEED }).first().waitFor({ state: 'visible', timeout: 60_000 }).catch(() => {});
  }, { timeout: 120_000 });

  after(async () => {
    await chromium?.close();
    await server?.stop();
    if (tmp && !keep) rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    if (keep && tmp) console.log(`kept ${tmp}`);
    if (process.env.MARGINALIA_UPDATE_MEDIA) {
      for (const m of MEDIA) {
        if (!existsSync(join(CROPS, m))) continue;
        mkdirSync(dirname(join(REPO_ROOT, 'media', m)), { recursive: true });
        copyFileSync(join(CROPS, m), join(REPO_ROOT, 'media', m));
        console.log(`media/${m} updated`);
      }
    }
  });

  test('the Getting Started walkthrough opens from the Command Palette', { timeout: 120_000 }, () => step('walkthrough-open', async () => {
    // Opened first: VS Code counts a step's completion events only from when its walkthrough service runs (at start-up
    // with the default settings, which show the Welcome page; these tests turn that off).
    await palette('Marginalia: Get Started');
    const container = page.locator('.gettingStartedContainer');
    await container.filter({ hasText: 'Get Started with Marginalia' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    for (const t of STEPS) await container.locator('.getting-started-step', { hasText: t }).first().waitFor({ state: 'attached', timeout: 10_000 });
  }));

  test(`opens ${SEED}: highlights`, { timeout: 180_000 }, () => step('open', async () => {
    await openFile(SEED, 'Biden talks sanctions');
    const decorations = activeEditor().locator(DECORATION);
    await decorations.first().waitFor({ state: 'attached', timeout: 60_000 });
    await page.waitForTimeout(800);
    // The folder's analysis links entities across articles: wait until the status bar counts this article.
    await page.locator('.part.statusbar', { hasText: /entities · \d+ quotes/ }).waitFor({ state: 'visible', timeout: 60_000 });
    await crop('walkthrough/open-articles.png', [await page.locator('.part.editor').boundingBox()], { pad: 0, maxW: 960, maxH: 600 });
  }));

  test('tags a quote from the Quotes view (inline Tag… button, tag picker)', { timeout: 120_000 }, () => step('tag', async () => {
    const pane = await marginaliaPane(/quotes/i);
    await collapsePanes(/entities/i);
    await widenSidebar(560);
    // A short quote, so that its tag shows beside it in the pictures.
    const row = pane.locator('.monaco-list-row').filter({ hasText: '“two paths”' }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.hover();
    const tagButton = row.locator('.action-label[aria-label*="Tag"]').first();
    await tagButton.waitFor({ state: 'visible', timeout: 10_000 });
    await tagButton.click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await page.locator('.quick-input-widget').innerText(), /verified[\s\S]*disputed/, 'the tag picker does not offer the tag vocabulary');
    await input.fill('disputed');
    await page.keyboard.press('Enter');
    await row.filter({ hasText: 'disputed' }).waitFor({ state: 'visible', timeout: 15_000 });
    // The tree item says the tags in words to a screen reader too.
    const label = await row.getAttribute('aria-label');
    assert.match(label ?? '', /Tags: disputed/, `the quote's accessible label does not give its tags: ${label}`);
    await page.mouse.move(800, 990);
    await page.waitForTimeout(500);
    await shot('quotes-tagged.png');
    await crop('walkthrough/tag-quote.png', [await page.locator('.part.sidebar').boundingBox()], { pad: 0, maxH: 560 });
  }));

  test('the Claims view: a fact the articles disagree on, expanded to each article\'s wording', { timeout: 120_000 }, () => step('claims', async () => {
    await collapsePanes(/quotes/i);
    const pane = await marginaliaPane(/claims/i);
    const fact = pane.locator('.monaco-list-row').filter({ hasText: /disagree/ }).first();
    await fact.waitFor({ state: 'visible', timeout: 30_000 });
    const label = await fact.getAttribute('aria-label');
    assert.match(label ?? '', /^Discrepancy across \d+ articles/, `the fact's accessible label does not say it is a discrepancy: ${label}`);
    if ((await fact.getAttribute('aria-expanded')) !== 'true') await fact.click();
    await page.waitForFunction((el) => el.getAttribute('aria-expanded') === 'true', await fact.elementHandle(), { timeout: 10_000 });
    // Its children: one row per article, with the differing value.
    const children = pane.locator('.monaco-list-row[aria-level="2"]');
    await children.first().waitFor({ state: 'visible', timeout: 10_000 });
    const texts = await children.allInnerTexts();
    assert.ok(texts.some((t) => /\.txt/.test(t)), `no article under the expanded fact: ${JSON.stringify(texts)}`);
    console.log(`discrepancy: ${(await fact.innerText()).replace(/\s+/g, ' ').slice(0, 160)}; ${texts.length} rows under it`);
    await page.mouse.move(800, 990);
    await page.waitForTimeout(400);
    await shot('claims-discrepancy.png');
    await crop('claims.png', [await page.locator('.part.sidebar').boundingBox()], { pad: 0, maxH: 420 });
  }));

  test('hovering a name says what it is in words (README screenshot: highlights, hover, side bar)', { timeout: 120_000 }, () => step('hover', async () => {
    await collapsePanes(/claims/i);
    await marginaliaPane(/quotes/i);
    await page.locator(`.tabs-container .tab[aria-label*="${SEED}"]`).first().click();
    const file = join(server.folder, SEED);
    const { line, column } = kit.positionOf(file, /\bPutin\b/);
    await goTo(line, column);
    const { hover } = await hoverWord('Putin', 'Vladimir Putin');
    const text = await hover.innerText();
    assert.match(text, /Person/, 'the hover does not say the type in words');
    await page.waitForTimeout(300);
    await shot('readme-screenshot.png');
    mkdirSync(CROPS, { recursive: true });
    await page.screenshot({ path: join(CROPS, 'screenshot.png') });
    const hb = await hover.boundingBox();
    await crop('walkthrough/hover.png', [hb], { pad: 40, maxW: 900, maxH: 560, minW: 640 });
    await page.mouse.move(5, 500);
  }));

  test('Save Annotations from the Command Palette writes the sidecar with the tag', { timeout: 120_000 }, () => step('save', async () => {
    await page.locator(`.tabs-container .tab[aria-label*="${SEED}"]`).first().click();
    await palette('Marginalia: Save Annotations');
    const sidecar = join(server.folder, `${SEED}.annotations.json`);
    const until = Date.now() + 15_000;
    while (!(existsSync(sidecar) && readFileSync(sidecar, 'utf8').includes('"disputed"')) && Date.now() < until) await page.waitForTimeout(200);
    const data = JSON.parse(readFileSync(sidecar, 'utf8'));
    assert.ok(data.annotations.some((a) => a.kind === 'quote' && a.tags.includes('disputed')), 'the tag is not in the sidecar');
    await openFile(`${SEED}.annotations.json`, '"version"');
    // Go to Line centres the tagged quote's annotation: the picture is the middle of the editor.
    const { line } = kit.positionOf(sidecar, /"disputed"/);
    await goTo(Math.max(1, line - 3), 1);
    await activeEditor().locator('.view-lines').filter({ hasText: '"disputed"' }).waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForTimeout(300);
    await shot('sidecar-saved.png');
    const ed = await page.locator('.part.editor').boundingBox();
    const middle = ed.y + ed.height / 2;
    await crop('walkthrough/save.png', [{ x: ed.x, y: Math.max(ed.y, middle - 300), width: 960, height: 600 }], { pad: 0, maxW: 960, maxH: 600 });
  }));

  test('Export Annotation Set… from the Command Palette: format, scope, save dialog, a W3C file', { timeout: 120_000 }, () => step('export', async () => {
    await page.locator(`.tabs-container .tab[aria-label*="${SEED}"]`).first().click();
    await palette('Marginalia: Export Annotation Set');
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.monaco-list-row', { hasText: 'brat standoff' }).waitFor({ state: 'visible', timeout: 15_000 });
    const options = await widget.locator('.monaco-list-row').allInnerTexts();
    for (const f of ['W3C Web Annotation', 'JSONL spans', 'brat standoff', 'CSV']) assert.ok(options.some((o) => o.includes(f)), `format ${f} not offered: ${JSON.stringify(options)}`);
    await page.waitForTimeout(300);
    await shot('export-formats.png');
    await crop('walkthrough/export.png', [await widget.boundingBox()], { pad: 24, maxW: 960, maxH: 560 });
    await pick('W3C Web Annotation');
    await pick('Whole folder');
    // code-server's save dialog is the workbench's own file dialog: a quick input holding the path.
    const input = widget.locator('input');
    await page.waitForFunction(() => /annotations\.jsonld$/.test(document.querySelector('.quick-input-widget input')?.value ?? ''), null, { timeout: 15_000 });
    assert.match(await input.inputValue(), /annotations\.jsonld$/);
    await page.keyboard.press('Enter');
    const out = join(server.folder, 'annotations.jsonld');
    const until = Date.now() + 20_000;
    while (!existsSync(out) && Date.now() < until) await page.waitForTimeout(200);
    assert.ok(existsSync(out), 'the export file was not written');
    await page.waitForTimeout(300);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(doc.type, 'AnnotationCollection');
    assert.ok(doc.total > 50, `only ${doc.total} annotations exported`);
    await page.locator('.notifications-toasts', { hasText: /Exported/ }).waitFor({ state: 'visible', timeout: 10_000 });
    console.log(`exported ${doc.total} annotations to ${out}`);
  }));

  test('the walkthrough\'s steps are checked off by what was done above', { timeout: 120_000 }, () => step('walkthrough', async () => {
    await palette('Marginalia: Get Started');
    const container = page.locator('.gettingStartedContainer');
    await container.filter({ hasText: 'Get Started with Marginalia' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.locator('.getting-started-step', { hasText: 'Tag a quote from the side bar' }).first().click();
    await page.waitForTimeout(1500);
    await shot('walkthrough.png');
    // A step that is done is marked checked (also for screen readers: aria-checked).
    const done = (await container.locator('.getting-started-step[aria-checked="true"]').allInnerTexts().catch(() => [])).map((d) => d.split('\n')[0].trim());
    console.log(`walkthrough steps done: ${done.join(' | ')}`);
    // Each step completed on its real event: the article analysed, a name's hover, Tag…, Save Annotations, Export.
    assert.deepEqual(STEPS.filter((t) => !done.some((d) => d.includes(t))), [], `steps not checked off (done: ${JSON.stringify(done)})`);
    const img = container.locator('.getting-started-media img').first();
    await img.waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok(await img.evaluate((el) => el.complete && el.naturalWidth > 0), 'the step image does not load from the package');
  }));

  test('high-contrast themes (chosen with Preferences: Color Theme): highlights drawn, screenshots', { timeout: 150_000 }, () => step('high-contrast', async () => {
    for (const [label, cls, name] of [['Dark High Contrast', 'hc-black', 'seed-001-high-contrast.png'], ['Light High Contrast', 'hc-light', 'seed-001-high-contrast-light.png']]) {
      await page.locator(`.tabs-container .tab[aria-label*="${SEED}"]`).first().click();
      await colorTheme(label);
      await page.locator(`.monaco-workbench.${cls}`).waitFor({ state: 'attached', timeout: 20_000 });
      await activeEditor().locator(DECORATION).first().waitFor({ state: 'attached', timeout: 20_000 });
      await goTo(1, 1);
      await page.waitForTimeout(800);
      await shot(name);
      if (cls === 'hc-black') await crop('high-contrast.png', [{ x: 0, y: 0, width: 1200, height: 560 }], { pad: 0, maxW: 1200, maxH: 560 });
    }
  }));
});
