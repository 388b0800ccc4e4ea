/**
 * What the UI tests (test/ui/*.ui.mjs) do to the workbench the way a person would: open a quick input, go to a
 * line, hover a rendered word. Shared so both files drive the workbench the same way (and fix a flaky step once).
 * Every function takes the Playwright page first.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

/** The editor that has focus (the first editor group's active one). */
export const activeEditor = (page) => page.locator('.part.editor .editor-instance .monaco-editor').first();

/** Line and column (1-based) of the first match of `re` in a file, for Go to Line. */
export function positionOf(file, re) {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = re.exec(lines[i]);
    if (m) return { line: i + 1, column: m.index + 1 };
  }
  throw new Error(`${re} not found in ${file}`);
}

/** Opens a quick input with `keys` and waits until it is visible (retries: focus can lag at start-up). */
export async function openQuickInput(page, keys) {
  const widget = page.locator('.quick-input-widget');
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.keyboard.press(keys);
    try {
      await widget.waitFor({ state: 'visible', timeout: 3000 });
      return widget;
    } catch {
      await page.keyboard.press('Escape');
      await page.locator('.part.editor').click({ position: { x: 200, y: 200 } }).catch(() => {});
    }
  }
  throw new Error(`the quick input did not open with ${keys}`);
}

/** Moves the cursor to line:column with Go to Line (scrolls it into view). */
export async function goTo(page, line, column) {
  await activeEditor(page).click({ position: { x: 300, y: 10 } });
  await openQuickInput(page, 'Control+G');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 });
}

/**
 * Hovers the rendered `word` nearest the cursor, as a mouse would (from above, in steps); resolves to the hover
 * showing `expect` and the word's box. Retries: the first move can land before the editor is ready.
 */
export async function hoverWord(page, word, expect) {
  const editor = activeEditor(page);
  const hover = page.locator('.monaco-hover').filter({ hasText: expect });
  for (let attempt = 0; attempt < 4; attempt++) {
    const box = await editor.evaluate((root, w) => {
      const cursor = root.querySelector('.cursors-layer .cursor')?.getBoundingClientRect();
      const walker = document.createTreeWalker(root.querySelector('.view-lines'), NodeFilter.SHOW_TEXT);
      let best = null;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (let i = n.data.indexOf(w); i >= 0; i = n.data.indexOf(w, i + 1)) {
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + w.length);
          const b = r.getBoundingClientRect();
          const d = cursor ? Math.hypot(b.left - cursor.left, b.top - cursor.top) : b.top;
          if (b.width > 0 && (!best || d < best.d)) best = { x: b.left + b.width / 2, y: b.top + b.height / 2, d };
        }
      }
      return best;
    }, word);
    assert.ok(box, `the word ${word} is not rendered in the editor`);
    await page.mouse.move(box.x, box.y - 40);
    await page.mouse.move(box.x, box.y, { steps: 5 });
    if (await hover.first().waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false)) return { hover: hover.first(), word: box };
  }
  throw new Error(`no hover showing ${expect} over ${word}; hovers: ${JSON.stringify(await page.locator('.monaco-hover').allInnerTexts())}`);
}
