// Every string a person sees can be translated: the manifest's through package.nls.json (`%key%`), the
// run-time ones through vscode.l10n.t with l10n/bundle.l10n.json (`npm run l10n` regenerates it).
// Also: nothing in src/ prints with console.* (the extension logs to its Marginalia output channel, the CLI
// writes to stdout/stderr on purpose).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
const bundle: Record<string, string> = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8'));

/** [where, value] of every user-visible string of the manifest. */
function visibleStrings(): [string, unknown][] {
  const c = pkg.contributes;
  const out: [string, unknown][] = [['displayName', pkg.displayName], ['description', pkg.description]];
  for (const [k, v] of Object.entries(pkg.capabilities ?? {})) {
    if (v && typeof v === 'object' && 'description' in v) out.push([`capabilities.${k}.description`, (v as { description: unknown }).description]);
  }
  for (const cmd of c.commands ?? []) {
    out.push([`${cmd.command} title`, cmd.title]);
    if (cmd.category !== undefined) out.push([`${cmd.command} category`, cmd.category]);
    if (cmd.shortTitle !== undefined) out.push([`${cmd.command} shortTitle`, cmd.shortTitle]);
  }
  for (const [loc, containers] of Object.entries(c.viewsContainers ?? {})) {
    for (const vc of containers as { id: string; title: unknown }[]) out.push([`viewsContainers.${loc}.${vc.id} title`, vc.title]);
  }
  for (const views of Object.values(c.views ?? {})) {
    for (const v of views as { id: string; name: unknown; contextualTitle?: unknown }[]) {
      out.push([`view ${v.id} name`, v.name]);
      if (v.contextualTitle !== undefined) out.push([`view ${v.id} contextualTitle`, v.contextualTitle]);
    }
  }
  for (const w of c.viewsWelcome ?? []) out.push([`viewsWelcome ${w.view}`, w.contents]);
  const configs = Array.isArray(c.configuration) ? c.configuration : [c.configuration];
  for (const conf of configs.filter(Boolean)) {
    out.push(['configuration title', conf.title]);
    for (const [k, v] of Object.entries(conf.properties ?? {}) as [string, Record<string, unknown>][]) {
      for (const field of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) {
        if (v[field] !== undefined) out.push([`${k} ${field}`, v[field]]);
      }
      for (const field of ['enumDescriptions', 'markdownEnumDescriptions']) {
        for (const [i, d] of ((v[field] as unknown[]) ?? []).entries()) out.push([`${k} ${field}[${i}]`, d]);
      }
    }
  }
  for (const col of c.colors ?? []) out.push([`colour ${col.id}`, col.description]);
  for (const s of c.submenus ?? []) out.push([`submenu ${s.id}`, s.label]);
  for (const w of c.walkthroughs ?? []) {
    out.push([`walkthrough ${w.id} title`, w.title], [`walkthrough ${w.id} description`, w.description]);
    for (const s of w.steps) {
      out.push([`step ${s.id} title`, s.title], [`step ${s.id} description`, s.description]);
      if (s.media?.altText !== undefined) out.push([`step ${s.id} altText`, s.media.altText]);
    }
  }
  return out;
}

test('every user-visible string in package.json is a %key% of package.nls.json', () => {
  const strings = visibleStrings();
  assert.ok(strings.length > 60, `only ${strings.length} strings found: is the walk of the manifest broken?`);
  const literal = strings.filter(([, v]) => typeof v !== 'string' || !/^%[^%]+%$/.test(v));
  assert.deepEqual(literal.map(([w, v]) => `${w}: ${JSON.stringify(v)}`), [], 'literal strings in package.json: move them to package.nls.json');
  const missing = strings.map(([, v]) => (v as string).slice(1, -1)).filter((k) => !(k in nls));
  assert.deepEqual(missing, [], 'keys missing from package.nls.json');
});

test('package.nls.json has no key the manifest does not use, and no empty text', () => {
  const text = JSON.stringify(pkg);
  const unused = Object.keys(nls).filter((k) => !text.includes(`"%${k}%"`));
  assert.deepEqual(unused, [], 'unused keys in package.nls.json');
  for (const [k, v] of Object.entries(nls)) assert.ok(typeof v === 'string' && v.trim(), `${k} is empty`);
});

function sources(dir = join(root, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((f) => (f.isDirectory() ? sources(join(dir, f.name)) : f.name.endsWith('.ts') ? [join(dir, f.name)] : []));
}

/** The message of each `l10n.t(…)` call in src/ (string literals only). */
function runtimeMessages(): { messages: Set<string>; dynamic: string[] } {
  const messages = new Set<string>();
  const dynamic: string[] = [];
  for (const file of sources()) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/\bl10n\.t\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\$]|\\.)*`|[^\s)])/g)) {
      const lit = m[1];
      if (!/^['"`]/.test(lit)) {
        dynamic.push(`${relative(root, file)}: l10n.t(${lit}…`);
        continue;
      }
      messages.add(new Function(`return ${lit};`)() as string);
    }
  }
  return { messages, dynamic };
}

test('every vscode.l10n.t message in src/ is in l10n/bundle.l10n.json, and the bundle has no stale message', () => {
  const { messages, dynamic } = runtimeMessages();
  assert.ok(messages.size > 50, `only ${messages.size} l10n.t messages found`);
  assert.deepEqual(dynamic, [], 'l10n.t takes a string literal (the bundle is extracted from the source)');
  const missing = [...messages].filter((m) => !(m in bundle));
  const stale = Object.keys(bundle).filter((k) => !messages.has(k));
  assert.deepEqual({ missing, stale }, { missing: [], stale: [] }, 'run: npm run l10n');
});

test('the manifest declares the l10n folder', () => {
  assert.equal(pkg.l10n, './l10n');
});

test('no console.* in src/ (the extension logs to its output channel; the CLI writes to stdout/stderr)', () => {
  const found = sources().flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => [line, i] as const)
      .filter(([line]) => /\bconsole\.(log|info|warn|error|debug|trace)\s*\(/.test(line) && !/^\s*(\/\/|\*)/.test(line))
      .map(([line, i]) => `${relative(root, file)}:${i + 1}: ${line.trim()}`),
  );
  assert.deepEqual(found, []);
});
