/**
 * The CLI never loses or corrupts a user's work, and says what went wrong (issue 20, issue 13 item 4).
 * One test per "done when" item, each on real files (copies of seeds/, PolNeAR dev articles when this
 * machine has them) and running the built CLI (dist/cli.js) as a user does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe as describeTarget } from '../../src/core/anchoring';
import { hash } from '../../src/core/text/normalize';
import { parseSidecar, serializeSidecar, type Annotation, type Sidecar } from '../../src/core/sidecar';
import { writeFileAtomic } from '../../src/node/atomic';
import { guessLanguage } from '../../src/core/text/language';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const SEEDS = join(ROOT, 'seeds');
// Optional: PolNeAR dev articles when ../shared sits beside the checkout (as in CI); the tests fall back to the seeds.
const POLNEAR = join(ROOT, '..', 'shared', 'data', 'polnear', 'dev', 'articles');
const A001 = 'seeds/001_62bc780cabcabc76.txt';

function cli(cwd: string, ...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A temporary folder holding a copy of the seed articles (articles only) in seeds/. */
function seedsCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-cli-'));
  mkdirSync(join(dir, 'seeds'));
  for (const f of readdirSync(SEEDS)) if (/\.(txt|md)$/.test(f)) cpSync(join(SEEDS, f), join(dir, 'seeds', f));
  return dir;
}

/** Every file under dir (relative paths), temporary files included. */
function allFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f)).isFile()).sort();
}

function readSidecarFile(path: string): Sidecar {
  const parsed = parseSidecar(readFileSync(path, 'utf8'));
  assert.ok(parsed.ok, path);
  return parsed.sidecar;
}

function editSidecar(path: string, edit: (anns: Annotation[], text: string) => void): void {
  const s = readSidecarFile(path);
  edit(s.annotations, readFileSync(path.replace(/\.annotations\.json$/, ''), 'utf8'));
  writeFileSync(path, serializeSidecar(s));
}

/** A user annotation on the first occurrence of `exact` (after `from`). */
function userAnnotation(text: string, id: string, exact: string, fields: Partial<Annotation>, from = 0): Annotation {
  const start = text.indexOf(exact, from);
  assert.ok(start >= 0, exact);
  const t = describeTarget(text, start, start + exact.length);
  return { id, kind: 'entity', origin: 'user', status: 'accepted', tags: [], created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', ...fields, target: { start, end: start + exact.length, exact, prefix: t.quote.prefix, suffix: t.quote.suffix } };
}

test('1. no command writes over an article or a file it did not create; temporary files never stay behind', () => {
  const dir = seedsCopy();
  try {
    const before = readFileSync(join(dir, 'seeds/000_e616688cf73b116b.txt'), 'utf8');
    // The article itself as --out (issue 20.1): refused, even with --force.
    for (const force of [[], ['--force']]) {
      const r = cli(dir, 'export', 'seeds', '--format', 'csv', '--out', 'seeds/000_e616688cf73b116b.txt', ...force);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /000_e616688cf73b116b\.txt is one of the articles being exported.*give another file name/);
    }
    assert.equal(readFileSync(join(dir, 'seeds/000_e616688cf73b116b.txt'), 'utf8'), before);
    // A sidecar as --out.
    assert.equal(cli(dir, 'export', 'seeds', '--format', 'w3c', '--out', 'seeds/x.txt.annotations.json').code, 2);
    // Another tool's file: refused, then replaced only with --force.
    writeFileSync(join(dir, 'notes.json'), '{"mine": true}\n');
    const other = cli(dir, 'export', 'seeds', '--format', 'w3c', '--out', 'notes.json');
    assert.equal(other.code, 2);
    assert.match(other.err, /notes\.json exists and is not an earlier w3c export of Marginalia; it is left as it is: give a new file name, or add --force/);
    assert.equal(readFileSync(join(dir, 'notes.json'), 'utf8'), '{"mine": true}\n');
    assert.equal(cli(dir, 'export', 'seeds', '--format', 'w3c', '--out', 'notes.json', '--force').code, 0);
    assert.equal(JSON.parse(readFileSync(join(dir, 'notes.json'), 'utf8')).type, 'AnnotationCollection');
    // An earlier export of the same format is replaced without asking; of another format it is not.
    assert.equal(cli(dir, 'export', 'seeds', '--format', 'w3c', '--out', 'notes.json').code, 0);
    assert.equal(cli(dir, 'export', 'seeds', '--format', 'csv', '--out', 'out.csv').code, 0);
    assert.equal(cli(dir, 'export', 'seeds', '--format', 'csv', '--out', 'out.csv').code, 0);
    assert.equal(cli(dir, 'export', 'seeds', '--format', 'jsonl', '--out', 'out.csv').code, 2);
    // --out naming a folder (issue 20.7): a message, and no temporary file left (it used to leave 1.1 MB each time).
    mkdirSync(join(dir, 'outdir'));
    const folder = cli(dir, 'export', 'seeds', '--format', 'w3c', '--out', 'outdir');
    assert.equal(folder.code, 2);
    assert.match(folder.err, /--out outdir is a folder: give a file name, e\.g\. --out outdir\/annotations\.jsonld/);
    // brat into the articles' own folder would write `<article>.txt` copies over the articles.
    const brat = cli(dir, 'export', 'seeds', '--format', 'brat', '--out', '.', '--force');
    assert.equal(brat.code, 2, brat.err);
    assert.match(brat.err, /would replace an article/);
    assert.equal(readFileSync(join(dir, 'seeds/000_e616688cf73b116b.txt'), 'utf8'), before);
    // brat into a folder of other files: refused; a new folder, then the same again: fine.
    assert.equal(cli(dir, 'export', 'seeds', '--format', 'brat', '--out', 'outdir2').code, 0);
    assert.equal(cli(dir, 'export', 'seeds', '--format', 'brat', '--out', 'outdir2').code, 0);
    writeFileSync(join(dir, 'outdir', 'keep.txt'), 'mine');
    assert.equal(cli(dir, 'export', 'seeds', '--format', 'brat', '--out', 'outdir').code, 2);
    assert.equal(readFileSync(join(dir, 'outdir', 'keep.txt'), 'utf8'), 'mine');
    assert.deepEqual(allFiles(dir).filter((f) => /\.tmp$|\.tmp-/.test(f)), [], 'no temporary file anywhere');
    // The atomic writer itself: a failed rename (the target is a folder) removes its temporary file.
    mkdirSync(join(dir, 'target.json'));
    assert.throws(() => writeFileAtomic(join(dir, 'target.json'), 'x'.repeat(1_000_000)));
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('2. analyze --write re-anchors first: tag → outside edit → analyze --write → export keeps the tag in place, once', () => {
  const dir = seedsCopy();
  const other = seedsCopy();
  try {
    for (const d of [dir, other]) assert.equal(cli(d, 'analyze', 'seeds', '--write').code, 0);
    const side = `${A001}.annotations.json`;
    let tagged = '';
    for (const d of [dir, other]) {
      editSidecar(join(d, side), (anns) => {
        const q = anns.filter((a) => a.kind === 'quote')[2];
        q.tags = ['disputed'];
        q.status = 'accepted';
        tagged = q.target.exact;
      });
      // Outside the editor: a new paragraph before the quote, and a word changed after it.
      const file = join(d, A001);
      const text = readFileSync(file, 'utf8');
      const at = text.indexOf('\n\n') + 2;
      writeFileSync(file, (text.slice(0, at) + 'An editor added this new paragraph outside the editor, about Joe Biden and Geneva.\n\n' + text.slice(at)).replace('candidly', 'frankly'));
    }
    // In one copy `check --write` runs first; in the other it does not: the order makes no difference.
    assert.equal(cli(other, 'check', 'seeds', '--write').code, 0);
    for (const d of [dir, other]) assert.equal(cli(d, 'analyze', 'seeds', '--write').code, 0);
    const text = readFileSync(join(dir, A001), 'utf8');
    const s = readSidecarFile(join(dir, side));
    assert.equal(s.document.hash, hash(text));
    for (const a of s.annotations) if (!a.orphaned) assert.equal(text.slice(a.target.start, a.target.end), a.target.exact, `${a.id} is where it says`);
    const copies = s.annotations.filter((a) => a.kind === 'quote' && a.target.exact === tagged);
    assert.equal(copies.length, 1, 'the tagged quote is there once');
    assert.deepEqual(copies[0].tags, ['disputed']);
    const places = s.annotations.map((a) => `${a.kind}:${a.target.start}:${a.target.end}`);
    assert.equal(new Set(places).size, places.length, 'no two annotations of a kind at one place');
    const strip = (x: Sidecar) => x.annotations.map((a) => ({ ...a, created: '', modified: '' }));
    assert.deepEqual(strip(readSidecarFile(join(other, side))), strip(s), 'check first or not: the same sidecar');
    // Every export has the quote once.
    assert.equal(cli(dir, 'export', 'seeds', '--format', 'w3c', '--out', 'a.jsonld').code, 0);
    const w3c = JSON.parse(readFileSync(join(dir, 'a.jsonld'), 'utf8')) as { first: { items: { target: { source: string; selector: { exact?: string }[] }; 'marginalia:kind': string }[] } };
    assert.equal(w3c.first.items.filter((i) => i.target.source.endsWith(A001) && i['marginalia:kind'] === 'quote' && i.target.selector[0].exact === tagged).length, 1);
    assert.equal(cli(dir, 'export', 'seeds', '--format', 'jsonl', '--out', 'a.jsonl').code, 0);
    const line = JSON.parse(readFileSync(join(dir, 'a.jsonl'), 'utf8').split('\n')[1]) as { text: string; label: [number, number, string][] };
    assert.equal(line.label.filter(([st, en, l]) => l === 'QUOTE' && [...line.text].slice(st, en).join('') === tagged).length, 1);
    assert.equal(cli(dir, 'export', 'seeds', '--format', 'csv', '--out', 'a.csv').code, 0);
    const head = tagged.slice(0, 40).replace(/"/g, '""').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const rows = readFileSync(join(dir, 'a.csv'), 'utf8').match(new RegExp(`^${A001.replace(/\./g, '\\.')},quote,"?${head}`, 'gm'))?.length;
    assert.equal(rows, 1, 'one CSV row for the quote');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  }
});

test('3. a round trip (export, import into a fresh copy, analyze --write) keeps every decision; options a format does not take are refused', () => {
  const dir = seedsCopy();
  try {
    assert.equal(cli(dir, 'analyze', 'seeds', '--write').code, 0);
    const side = join(dir, `${A001}.annotations.json`);
    editSidecar(side, (anns, text) => {
      anns.find((a) => a.kind === 'entity' && a.target.exact === 'Kremlin')!.status = 'rejected';
      const q = anns.find((a) => a.kind === 'quote')!;
      q.tags = ['verified'];
      q.note = 'checked with the transcript';
      const z = anns.find((a) => a.kind === 'entity' && a.target.exact === 'Zircon')!;
      z.type = 'ORG';
      z.status = 'accepted';
      anns.push(userAnnotation(text, 'u-west', 'West', { type: 'PLACE' }));
    });
    const decisions = (s: Sidecar) =>
      s.annotations
        .filter((a) => a.origin === 'user' || a.status !== 'suggested' || a.tags.length || a.note)
        .map((a) => ({ id: a.id, status: a.status, type: a.type, tags: a.tags, note: a.note, start: a.target.start, end: a.target.end }));
    const original = decisions(readSidecarFile(side));
    assert.equal(original.length, 4);
    for (const [format, file] of [['w3c', 'all.jsonld'], ['jsonl', 'all.jsonl']]) {
      assert.equal(cli(dir, 'export', 'seeds', '--format', format, '--out', file).code, 0);
      const fresh = seedsCopy();
      try {
        const imported = cli(fresh, 'import', join(dir, file), 'seeds');
        assert.equal(imported.code, 0, imported.err);
        assert.equal(cli(fresh, 'analyze', 'seeds', '--write').code, 0);
        const got = readSidecarFile(join(fresh, `${A001}.annotations.json`));
        assert.deepEqual(decisions(got), original, `${format}: every decision came back`);
        // The rejected name is not suggested again, in this article or any other.
        const json = JSON.parse(cli(fresh, 'analyze', 'seeds', '--json').out) as { documents: { entities: { text: string }[] }[] };
        assert.ok(json.documents.every((d) => !d.entities.some((e) => e.text === 'Kremlin')), `${format}: Kremlin stays rejected`);
      } finally {
        rmSync(fresh, { recursive: true, force: true });
      }
    }
    // Options a format does not take: refused with a message, nothing written.
    for (const args of [
      ['--format', 'w3c', '--offsets', 'utf16', '--out', 'x.jsonld'],
      ['--format', 'jsonl', '--include-rejected', '--out', 'x.jsonl'],
      ['--format', 'csv', '--astral', 'keep', '--out', 'x.csv'],
      ['--format', 'brat', '--base', 'https://example.org/', '--out', 'xb'],
    ]) {
      const r = cli(dir, 'export', 'seeds', ...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /does not apply to the \w+ format .*leave it out/);
      assert.ok(!existsSync(join(dir, args[args.length - 1])));
    }
    const imp = cli(dir, 'import', 'all.jsonld', 'seeds', '--offsets', 'utf16');
    assert.equal(imp.code, 2);
    assert.match(imp.err, /--offsets applies to JSONL only/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('4. files that are not UTF-8 text are named and skipped (never analysed as empty, never mojibake)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-cli-'));
  try {
    mkdirSync(join(dir, 'news'));
    const articles = existsSync(POLNEAR) ? readdirSync(POLNEAR).filter((f) => f.endsWith('.txt')).slice(0, 3).map((f) => join(POLNEAR, f)) : [join(SEEDS, '000_e616688cf73b116b.txt')];
    for (const f of articles) cpSync(f, join(dir, 'news', f.split('/').pop()!));
    // A Latin-1 copy of an article with accented names, and a binary file named .txt.
    writeFileSync(join(dir, 'news/latin1.txt'), Buffer.from('President François Hollande met Angela Merkel in Besançon on Tuesday, officials said.\n', 'latin1'));
    writeFileSync(join(dir, 'news/zip.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10]));
    const r = cli(dir, 'analyze', 'news', '--json', '--write');
    assert.equal(r.code, 1, 'a file was not analysed: exit 1');
    assert.match(r.err, /news\/latin1\.txt: skipped: not UTF-8 text \(invalid byte 0xe7 at offset 14\): convert it to UTF-8, e\.g\. from Latin-1: iconv -f latin1 -t utf-8 news\/latin1\.txt/);
    assert.match(r.err, /news\/zip\.txt: skipped: binary file/);
    assert.ok(!r.out.includes('\uFFFD'), 'no replacement character in any span');
    const json = JSON.parse(r.out) as { documents: { path: string; skipped?: string; entities: unknown[] }[] };
    assert.equal(json.documents.length, articles.length + 2, 'every file is listed');
    assert.match(json.documents.find((d) => d.path === 'news/latin1.txt')!.skipped!, /not UTF-8/);
    assert.ok(json.documents.filter((d) => !d.skipped).every((d) => d.entities.length > 0));
    assert.ok(!existsSync(join(dir, 'news/latin1.txt.annotations.json')) && !existsSync(join(dir, 'news/zip.txt.annotations.json')));
    // Export and check name it too.
    const exp = cli(dir, 'export', 'news', '--format', 'w3c', '--out', 'x.jsonld');
    assert.equal(exp.code, 1);
    assert.match(exp.err, /latin1\.txt: skipped: not UTF-8/);
    assert.ok(!readFileSync(join(dir, 'x.jsonld'), 'utf8').includes('\uFFFD'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('5. analyze --write with nothing changed leaves every sidecar byte-identical; a change touches only its own lines', () => {
  const dir = seedsCopy();
  try {
    if (existsSync(POLNEAR)) {
      mkdirSync(join(dir, 'polnear'));
      for (const f of readdirSync(POLNEAR).filter((x) => x.endsWith('.txt')).slice(0, 25)) cpSync(join(POLNEAR, f), join(dir, 'polnear', f));
    }
    const folders = existsSync(POLNEAR) ? ['seeds', 'polnear'] : ['seeds'];
    assert.equal(cli(dir, 'analyze', ...folders, '--write').code, 0);
    const sidecars = allFiles(dir).filter((f) => f.endsWith('.annotations.json'));
    assert.ok(sidecars.length >= 5);
    const snapshot = new Map(sidecars.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const mtimes = new Map(sidecars.map((f) => [f, statSync(join(dir, f)).mtimeMs]));
    const again = cli(dir, 'analyze', ...folders, '--write');
    assert.equal(again.code, 0);
    assert.match(again.err, new RegExp(`sidecars: 0 written, ${sidecars.length} unchanged`));
    for (const f of sidecars) {
      assert.equal(readFileSync(join(dir, f), 'utf8'), snapshot.get(f), `${f} is byte-identical`);
      assert.equal(statSync(join(dir, f)).mtimeMs, mtimes.get(f), `${f} was not rewritten`);
    }
    // One word changed in 002: only its sidecar changes, and only in a few lines (no times of untouched suggestions).
    const file = join(dir, 'seeds/002_3205402f702b0a96.txt');
    const text = readFileSync(file, 'utf8');
    const word = /\b(said|says|told)\b/.exec(text.slice(text.length >> 1))!;
    const at = (text.length >> 1) + word.index;
    writeFileSync(file, text.slice(0, at) + word[0].toUpperCase() + text.slice(at + word[0].length));
    assert.equal(cli(dir, 'analyze', ...folders, '--write').code, 0);
    for (const f of sidecars) if (!f.includes('002_')) assert.equal(readFileSync(join(dir, f), 'utf8'), snapshot.get(f), `${f} unchanged`);
    const oldLines = snapshot.get('seeds/002_3205402f702b0a96.txt.annotations.json')!.split('\n');
    const newLines = readFileSync(`${file}.annotations.json`, 'utf8').split('\n');
    const changed = newLines.filter((l) => !oldLines.includes(l)).length + oldLines.filter((l) => !newLines.includes(l)).length;
    assert.ok(changed > 0 && changed < 60, `${changed} lines changed for one word (a rewrite of every suggestion's times was about 1,400)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('6. the CLI applies the sidecars\' decisions as the editor does: rejected strings, marked names, retypes and merges hold in every article', () => {
  const dir = seedsCopy();
  try {
    assert.equal(cli(dir, 'analyze', 'seeds', '--write').code, 0);
    editSidecar(join(dir, `${A001}.annotations.json`), (anns, text) => {
      anns.find((a) => a.kind === 'entity' && a.target.exact === 'Kremlin')!.status = 'rejected';
      const z = anns.find((a) => a.kind === 'entity' && a.target.exact === 'Zircon')!;
      z.type = 'ORG';
      z.status = 'accepted';
      anns.push(userAnnotation(text, 'u-west', 'West', { type: 'PLACE' }));
      const moscow = anns.find((a) => a.kind === 'entity' && a.target.exact === 'Moscow')!;
      moscow.mergedInto = 'Russia';
      moscow.status = 'accepted';
    });
    const r = cli(dir, 'analyze', 'seeds', '--json');
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out) as { documents: { path: string; entities: { text: string; type: string; entityId: string }[] }[]; entities: { name: string; aliases: string[] }[] };
    const mentions = json.documents.flatMap((d) => d.entities.map((e) => ({ ...e, path: d.path })));
    assert.deepEqual(mentions.filter((m) => m.text === 'Kremlin'), [], 'a rejected string is suggested nowhere');
    assert.ok(mentions.filter((m) => m.text === 'Zircon').every((m) => m.type === 'ORG'), 'the retype holds');
    for (const d of json.documents) {
      if (/\bWest\b/.test(readFileSync(join(dir, d.path), 'utf8'))) assert.ok(d.entities.some((e) => e.text === 'West' && e.type === 'PLACE'), `West is found in ${d.path}`);
    }
    const ids = (name: string) => new Set(mentions.filter((m) => m.text === name).map((m) => m.entityId));
    assert.deepEqual(ids('Moscow'), ids('Russia'), 'the merge holds in every article');
    // And analyze --write takes the same decisions into every sidecar.
    assert.equal(cli(dir, 'analyze', 'seeds', '--write').code, 0);
    for (const f of readdirSync(join(dir, 'seeds')).filter((x) => x.endsWith('.annotations.json'))) {
      const s = readSidecarFile(join(dir, 'seeds', f));
      assert.ok(!s.annotations.some((a) => a.target.exact === 'Kremlin' && a.status === 'suggested'), f);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('7. every command: --help on stdout, unknown options refused, errors name the file and say what to do, one exit-code table', () => {
  const dir = seedsCopy();
  try {
    for (const command of ['analyze', 'check', 'export', 'import']) {
      const help = cli(dir, command, '--help');
      assert.equal(help.code, 0, command);
      assert.match(help.out, new RegExp(`marginalia ${command} `));
      assert.equal(help.err, '');
      const bogus = cli(dir, command, 'seeds', '--jsn');
      assert.equal(bogus.code, 2, command);
      assert.match(bogus.err, new RegExp(`marginalia ${command}: unknown option --jsn`));
      assert.ok(!existsSync(join(dir, `${A001}.annotations.json`)), `${command} --jsn did nothing`);
    }
    assert.match(cli(dir, 'analyze', 'seeds', '--jsn').err, /did you mean --json\?/);
    const help = cli(dir, 'help');
    assert.equal(help.code, 0);
    assert.match(help.out, /Exit codes: 0 done; 1 failed.*\n.*2 usage/);
    assert.equal(help.err, '');
    const unknown = cli(dir, 'anaylze', 'seeds');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /^marginalia: unknown command "anaylze": the commands are analyze, check, export, import, merge-sidecar, agree, map, link and help\n/);
    // A missing path, an empty folder, a folder without articles: exit 2, said plainly, nothing written.
    mkdirSync(join(dir, 'empty'));
    mkdirSync(join(dir, 'pictures'));
    writeFileSync(join(dir, 'pictures/a.png'), 'png');
    for (const command of [['analyze'], ['check'], ['export', '--format', 'w3c', '--out', 'e.jsonld']]) {
      const missing = cli(dir, command[0], 'nope', ...command.slice(1));
      assert.equal(missing.code, 2, command[0]);
      assert.match(missing.err, /nope: no such file or folder \(paths are relative to /);
      for (const folder of ['empty', 'pictures']) {
        const none = cli(dir, command[0], folder, ...command.slice(1));
        assert.equal(none.code, 2, `${command[0]} ${folder}`);
        assert.match(none.err, new RegExp(`no articles under ${folder}: articles are \\.txt, \\.md, \\.markdown files`));
      }
    }
    assert.ok(!existsSync(join(dir, 'e.jsonld')), 'no empty export');
    // Importing a CSV: one line that says so, not one per line of the file.
    assert.equal(cli(dir, 'export', 'seeds', '--format', 'csv', '--out', 'a.csv').code, 0);
    const csv = cli(dir, 'import', 'a.csv', 'seeds');
    assert.equal(csv.code, 2);
    assert.match(csv.err, /a\.csv is a CSV export: CSV cannot be imported .* import the W3C \(\.jsonld\) or JSONL \(\.jsonl\) export/);
    assert.ok(csv.err.split('\n').length <= 3);
    // --write exits 1 when a sidecar is not written, naming it (here a folder stands where the sidecar goes).
    mkdirSync(join(dir, `${A001}.annotations.json`));
    const write = cli(dir, 'analyze', 'seeds', '--write');
    assert.equal(write.code, 1);
    assert.match(write.err, /seeds\/001_62bc780cabcabc76\.txt\.annotations\.json: it is a folder, not a file; this sidecar .* is left as it is .*fix it or move it away/);
    assert.match(write.err, /sidecars: 4 written, 0 unchanged, 1 not written/);
    rmSync(join(dir, `${A001}.annotations.json`), { recursive: true });
    // Import from a renamed folder: the hint says how; naming the folder works.
    assert.equal(cli(dir, 'analyze', 'seeds', '--write').code, 0);
    assert.equal(cli(dir, 'export', 'seeds', '--format', 'w3c', '--out', 'all.jsonld').code, 0);
    cpSync(join(dir, 'seeds'), join(dir, 'renamed'), { recursive: true, filter: (f) => !f.endsWith('.json') });
    rmSync(join(dir, 'seeds'), { recursive: true });
    const lost = cli(dir, 'import', 'all.jsonld');
    assert.equal(lost.code, 2);
    assert.match(lost.err, /names articles that are not here \(seeds\/000_e616688cf73b116b\.txt, .*run the import from that folder, or give the articles' folder after the file, e\.g\. `marginalia import all\.jsonld <folder>`/);
    const found = cli(dir, 'import', 'all.jsonld', 'renamed');
    assert.equal(found.code, 0, found.err);
    assert.match(found.err, /imported \d+ annotations into 5 articles/);
    // The README has the table.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.match(readme, /\| Exit code \| Meaning \|[\s\S]*\| `0` \|[\s\S]*\| `1` \|[\s\S]*\| `2` \|/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('8. other languages: a warning and no confident nonsense (no common nouns as names, no misread figures)', () => {
  const dir = seedsCopy();
  try {
    writeFileSync(
      join(dir, 'seeds/de.txt'),
      'Gespräche in Genf\n\nAm Dienstag haben sich die Vertreter der beiden Regierungen in Genf getroffen, um über die Lage an der Grenze zu sprechen. Der Frieden in der Region sei nicht in Gefahr, sagte ein Sprecher des Ministeriums nach dem Treffen. Die Verhandlungen sollen in der kommenden Woche fortgesetzt werden, wie aus einer Mitteilung hervorgeht. Nach Angaben der Regierung wurden rund 100 000 Soldaten an die Grenze verlegt. „Wir werden keine Zugeständnisse machen“, sagte Wladimir Putin am Abend. Die Opposition kritisierte das Vorgehen der Regierung scharf und forderte eine Debatte im Parlament.\n',
    );
    writeFileSync(
      join(dir, 'seeds/fr.txt'),
      'Négociations à Genève\n\nMardi, les représentants des deux gouvernements se sont réunis à Genève pour discuter de la situation à la frontière. Selon le ministère, près de 100 000 soldats ont été déployés dans la région. « Nous ne ferons aucune concession », a déclaré le porte-parole du Kremlin lors d’une conférence de presse. Les discussions doivent reprendre la semaine prochaine, selon un communiqué publié par la présidence. L’opposition a vivement critiqué la décision du gouvernement et demande un débat au Parlement.\n',
    );
    const r = cli(dir, 'analyze', 'seeds', '--json');
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /seeds\/de\.txt: warning: this article looks German, not English .*English-only/);
    assert.match(r.err, /seeds\/fr\.txt: warning: this article looks French, not English/);
    const json = JSON.parse(r.out) as { documents: { path: string; language?: string; warnings?: string[]; entities: { text: string; type: string; value?: unknown }[]; quotes: unknown[]; claims: unknown[] }[] };
    const doc = (p: string) => json.documents.find((d) => d.path === p)!;
    assert.equal(doc('seeds/de.txt').language, 'de');
    assert.equal(doc('seeds/fr.txt').language, 'fr');
    for (const p of ['seeds/de.txt', 'seeds/fr.txt']) {
      assert.equal(doc(p).warnings?.length, 1);
      assert.ok(!doc(p).entities.some((e) => ['Dienstag', 'Frieden', 'Regierung', 'Mardi'].includes(e.text)), 'no common noun as a name');
      assert.ok(!doc(p).entities.some((e) => e.type === 'NUMBER' && e.value === 100), '"100 000" is not read as 100');
      assert.ok(doc(p).quotes.length >= 1, 'the quote is still found');
    }
    // The English articles are untouched by it.
    for (const d of json.documents.filter((x) => !['seeds/de.txt', 'seeds/fr.txt'].includes(x.path))) {
      assert.equal(d.language, 'en', d.path);
      assert.equal(d.warnings, undefined);
      assert.ok(d.entities.length > 20);
    }
    if (existsSync(POLNEAR)) {
      for (const f of readdirSync(POLNEAR).filter((x) => x.endsWith('.txt'))) assert.equal(guessLanguage(readFileSync(join(POLNEAR, f), 'utf8')).code, 'en', f);
    }
    assert.match(readFileSync(join(ROOT, 'README.md'), 'utf8'), /English-only/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
