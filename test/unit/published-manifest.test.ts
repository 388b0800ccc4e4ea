// The manifest is complete as a published extension's, the walkthrough points at real images and real events, and
// every command a person can run is reachable from the keyboard (Command Palette, a keybinding, or a context menu).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const c = pkg.contributes;

function sources(dir = join(root, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((f) => (f.isDirectory() ? sources(join(dir, f.name)) : f.name.endsWith('.ts') ? [join(dir, f.name)] : []));
}
const allSource = sources().map((f) => readFileSync(f, 'utf8')).join('\n');

/** Width and height of a PNG (from its IHDR chunk). */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

test('marketplace fields: display name, description, publisher, icon, categories, keywords, repository, licence, banner', () => {
  for (const k of ['displayName', 'description', 'publisher', 'icon', 'repository', 'license', 'galleryBanner', 'homepage', 'bugs']) assert.ok(pkg[k], `package.json has no ${k}`);
  assert.equal(pkg.license, 'MIT');
  assert.match(readFileSync(join(root, 'LICENSE'), 'utf8'), /^MIT License/);
  assert.ok(existsSync(join(root, 'CHANGELOG.md')));
  assert.ok(pkg.categories.length >= 1 && pkg.keywords.length >= 3);
  assert.match(pkg.repository.url, /^https:\/\//);
  assert.match(pkg.galleryBanner.color, /^#[0-9A-Fa-f]{6}$/);
  assert.ok(['dark', 'light'].includes(pkg.galleryBanner.theme));
});

test('the icon is a 128×128 PNG in media/', () => {
  assert.match(pkg.icon, /^media\/.+\.png$/);
  assert.deepEqual(pngSize(join(root, pkg.icon)), { width: 128, height: 128 });
});

test('engines.vscode is the @types/vscode version (the API the code is checked against)', () => {
  const types = JSON.parse(readFileSync(join(root, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8')).version as string;
  assert.equal(pkg.engines.vscode, `^${types}`);
  assert.equal(pkg.devDependencies['@types/vscode'], types, '@types/vscode is pinned: a newer one would let the code use API the engine range does not promise');
});

test('both hosts have an entry point; extensionKind and capabilities are declared with what is limited', () => {
  assert.equal(pkg.main, './dist/extension.js');
  assert.equal(pkg.browser, './dist/web/extension.js');
  assert.deepEqual(pkg.extensionKind, ['workspace', 'ui']);
  for (const k of ['untrustedWorkspaces', 'virtualWorkspaces']) {
    const cap = pkg.capabilities[k];
    assert.equal(cap.supported, 'limited', `${k}`);
    assert.ok(cap.description, `${k} says what is limited`);
  }
  // What the untrusted-workspace description promises is what the code does.
  assert.match(allSource, /workspace\.isTrusted/);
});

test('the Getting Started walkthrough: images from media/ that exist, alt text, and completion on real events', () => {
  const [w] = c.walkthroughs;
  assert.ok(w && w.steps.length >= 5);
  const commands = new Set<string>(c.commands.map((x: { command: string }) => x.command));
  const views = new Set<string>(Object.values(c.views).flat().map((v) => (v as { id: string }).id));
  const contextKeys = new Set([...allSource.matchAll(/setContext',\s*'([^']+)'/g)].map((m) => m[1]));
  for (const s of w.steps) {
    assert.match(s.media.image, /^media\//, `${s.id}: image not in media/`);
    assert.ok(existsSync(join(root, s.media.image)), `${s.id}: ${s.media.image} is missing`);
    assert.ok(s.media.altText, `${s.id}: no alt text`);
    assert.ok(s.completionEvents?.length, `${s.id}: no completion event`);
    for (const e of s.completionEvents as string[]) {
      const [kind, arg] = [e.slice(0, e.indexOf(':')), e.slice(e.indexOf(':') + 1)];
      if (kind === 'onCommand') assert.ok(commands.has(arg) || arg.startsWith('workbench.') || arg.startsWith('editor.'), `${s.id}: ${e} names no command`);
      else if (kind === 'onView') assert.ok(views.has(arg), `${s.id}: ${e} names no view`);
      else if (kind === 'onContext') assert.ok(contextKeys.has(arg), `${s.id}: ${e}: no code sets the context key ${arg}`);
      else assert.fail(`${s.id}: unexpected completion event ${e}`);
    }
  }
  const ids = w.steps.map((s: { id: string }) => s.id);
  assert.deepEqual(ids, ['openArticles', 'hoverEntity', 'tagQuote', 'save', 'export']);
});

test('every command is reachable from the keyboard: Command Palette, keybinding, or a context menu of a view item', () => {
  const hidden = new Set(c.menus.commandPalette.filter((m: { when?: string }) => m.when === 'false').map((m: { command: string }) => m.command));
  const keys = new Set(c.keybindings.map((k: { command: string }) => k.command));
  // A view item's context menu opens with Shift+F10 / the menu key; inline buttons alone are mouse-only.
  const contextMenu = new Set(c.menus['view/item/context'].filter((m: { group?: string }) => m.group !== 'inline').map((m: { command: string }) => m.command));
  // Internal commands that take arguments: run by Enter on a tree item (revealAnnotation) or a link in a hover (openArticle).
  const internal = new Set(['marginalia.revealAnnotation', 'marginalia.openArticle']);
  for (const { command } of c.commands) {
    if (internal.has(command)) continue;
    assert.ok(!hidden.has(command) || keys.has(command) || contextMenu.has(command), `${command} cannot be reached from the keyboard`);
  }
});
