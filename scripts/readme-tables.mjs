// Generates the Commands and Settings tables of README.md from package.json (between the
// <!-- commands --> / <!-- settings --> markers). `node scripts/readme-tables.mjs` rewrites them;
// `--check` exits 1 when the README disagrees with the manifest (a unit test runs the same check).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Resolves `%key%` manifest strings through package.nls.json when there is one. */
function localise(value, nls) {
  const m = /^%(.+)%$/.exec(value ?? '');
  return m && nls[m[1]] !== undefined ? nls[m[1]] : value;
}

export function tables(pkg, nls = {}) {
  const c = pkg.contributes;
  const hidden = new Set((c.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
  const keys = new Map((c.keybindings ?? []).map((k) => [k.command, k.key]));
  const commands = [
    '| Command | Title | Keybinding |',
    '| --- | --- | --- |',
    ...c.commands
      .filter((cmd) => !hidden.has(cmd.command))
      .map((cmd) => `| \`${cmd.command}\` | ${localise(cmd.category, nls)}: ${localise(cmd.title, nls)} | ${keys.has(cmd.command) ? `\`${keys.get(cmd.command)}\`` : ''} |`),
  ].join('\n');
  const settings = [
    '| Setting | Default | Description |',
    '| --- | --- | --- |',
    ...Object.entries(c.configuration.properties).map(([k, v]) => `| \`${k}\` | \`${JSON.stringify(v.default)}\` | ${localise(v.description ?? v.markdownDescription, nls)} |`),
  ].join('\n');
  return { commands, settings };
}

export function render(readme, pkg, nls) {
  const t = tables(pkg, nls);
  return readme
    .replace(/(<!-- commands -->)[\s\S]*?(<!-- \/commands -->)/, `$1\n${t.commands}\n$2`)
    .replace(/(<!-- settings -->)[\s\S]*?(<!-- \/settings -->)/, `$1\n${t.settings}\n$2`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  let nls = {};
  try {
    nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
  } catch {
    // no localisation file yet
  }
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const next = render(readme, pkg, nls);
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md tables disagree with package.json: run node scripts/readme-tables.mjs');
      process.exit(1);
    }
  } else writeFileSync(join(root, 'README.md'), next);
}
