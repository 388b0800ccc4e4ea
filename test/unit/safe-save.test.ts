import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/node/atomic';

// Child mode: write ever-changing large files atomically until killed.
if (process.env.MARGINALIA_SAVE_CHILD) {
  const target = process.env.MARGINALIA_SAVE_CHILD;
  for (let n = 0; ; n++) writeFileAtomic(target, JSON.stringify({ n, payload: 'x'.repeat(2_000_000 + (n % 7)) }) + '\n');
} else {
  test('killing the process mid-save leaves the old or the new file, never part of one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marginalia-save-'));
    const target = join(dir, 'a.txt.annotations.json');
    writeFileSync(target, JSON.stringify({ n: -1 }) + '\n');
    for (let round = 0; round < 8; round++) {
      const child = spawn(process.execPath, [__filename], { env: { ...process.env, MARGINALIA_SAVE_CHILD: target }, stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 150 + round * 37));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      const data = JSON.parse(readFileSync(target, 'utf8')); // throws on a partial file
      assert.equal(typeof data.n, 'number');
    }
    // Leftover temporary files are the only trace of a killed write; the sidecar itself is whole.
    assert.ok(readdirSync(dir).includes('a.txt.annotations.json'));
  });
}
