// Guard for the browser bundle: VS Code for the Web runs it in a *web worker* extension host, which has no DOM
// (no `document`, `window`, `localStorage`, HTML element classes…) and no Node globals (`process`, `Buffer`…).
// A dependency that picks its DOM build (package.json `browser` field or export condition) compiles fine and
// fails only at activation ("document is not defined"). scripts/build.mjs runs this on dist/web/extension.js and
// fails the build; test/unit/worker-globals.test.ts checks the guard itself.
//
// Usage: node scripts/worker-globals.mjs FILE.js…   (exit 1 and a list when a file reaches a missing global)
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Node's own globals, which a web worker lacks too (the DOM-only ones come from TypeScript's libs). */
const NODE_ONLY = ['process', 'Buffer', 'global', '__dirname', '__filename', 'setImmediate', 'clearImmediate'];

/** Names a lib .d.ts declares at top level as values. The libs are generated: one `declare var X` or
 * `declare function X` a line (a regex reads them in milliseconds; parsing lib.dom.d.ts takes seconds). */
function libValueGlobals(file) {
  const text = readFileSync(join(dirname(ts.getDefaultLibFilePath({})), file), 'utf8');
  return new Set([...text.matchAll(/^declare (?:var|function) ([\w$]+)/gm)].map((m) => m[1]));
}

let missing;
/** Every global a page has and a dedicated web worker lacks (lib.dom minus lib.webworker), plus Node's own. */
export function workerMissingGlobals() {
  if (!missing) {
    const worker = libValueGlobals('lib.webworker.d.ts');
    missing = new Set([...libValueGlobals('lib.dom.d.ts')].filter((n) => !worker.has(n)));
    for (const n of NODE_ONLY) missing.add(n);
    if (!missing.has('document') || !missing.has('window') || missing.has('self') || missing.size < 100) {
      throw new Error(`TypeScript's lib.dom.d.ts / lib.webworker.d.ts no longer read as expected (${missing.size} names)`);
    }
  }
  return missing;
}

/** True when `id` is a member name (`x.document`, `{ document: 1 }`, a method or class field), not a reference. */
function isMemberName(id) {
  const p = id.parent;
  return p.name === id && (ts.isPropertyAccessExpression(p) || ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p)
    || ts.isPropertyDeclaration(p) || ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p)
    || ts.isEnumMember(p) || ts.isPropertySignature(p));
}

/**
 * References in a bundle to globals a web worker lacks: free identifiers (not bound by any declaration in the file,
 * resolved with TypeScript's checker) named like a DOM-only or Node-only global, and `require("x")` of anything but
 * `vscode` (the worker's loader provides no other module). `typeof X` alone is allowed: it is how code feature-tests.
 * @param {string} file a bundled .js file
 * @returns {{ name: string, line: number, column: number, module?: string, text: string }[]}
 */
export function workerIncompatibleReferences(file) {
  const names = workerMissingGlobals();
  const program = ts.createProgram({
    rootNames: [file],
    options: { allowJs: true, checkJs: false, noLib: true, noResolve: true, types: [], noEmit: true },
  });
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(file);
  if (!sf) throw new Error(`cannot read ${file}`);
  const text = sf.text;
  const found = [];
  const report = (node, name) => {
    const start = node.getStart(sf);
    const { line, character } = sf.getLineAndCharacterOfPosition(start);
    // esbuild's unminified bundles mark each module with a `// path/to/module.js` line.
    const marks = [...text.slice(0, start).matchAll(/^\/\/ ((?:node_modules|src)\/\S+)$/gm)];
    const end = text.indexOf('\n', start);
    const lineText = text.slice(text.lastIndexOf('\n', start) + 1, end < 0 ? undefined : end).trim();
    found.push({ name, line: line + 1, column: character + 1, module: marks.at(-1)?.[1], text: lineText.slice(0, 160) });
  };
  const free = (id) => {
    const p = id.parent;
    const symbol = ts.isShorthandPropertyAssignment(p) && p.name === id ? checker.getShorthandAssignmentValueSymbol(p) : checker.getSymbolAtLocation(id);
    // No lib is loaded, so a name bound nowhere in the file is a global (TypeScript gives JS's `require` a symbol
    // of its own, without a declaration here).
    return !symbol?.declarations?.some((d) => d.getSourceFile() === sf);
  };
  const visit = (node) => {
    if (ts.isIdentifier(node) && names.has(node.text) && !isMemberName(node) && !ts.isTypeOfExpression(node.parent) && free(node)) {
      report(node, node.text);
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require'
      && free(node.expression)) {
      const [arg] = node.arguments;
      if (!arg || !ts.isStringLiteral(arg) || arg.text !== 'vscode') report(node, `require(${arg ? arg.getText(sf) : ''})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** A readable report, one reference a line. */
export function describe(file, refs) {
  return `${file} reaches ${refs.length} global(s) a web worker does not have (VS Code for the Web runs the browser bundle`
    + ` in a web worker extension host):\n`
    + refs.map((r) => `  ${r.name} at ${r.line}:${r.column}${r.module ? ` (from ${r.module})` : ''}: ${r.text}`).join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let bad = 0;
  for (const f of process.argv.slice(2)) {
    const refs = workerIncompatibleReferences(f);
    if (refs.length) {
      bad++;
      console.error(describe(f, refs));
    } else console.log(`${f}: no DOM-only or Node-only globals`);
  }
  process.exitCode = bad ? 1 : 0;
}
