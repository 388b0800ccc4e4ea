import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Lines kept in a temporary file, read back by number: what lets the link step hold one record at a time
 * instead of every text. The folder is under TMPDIR and removed by `close`.
 */
export class Spool {
  private static dir: string | undefined;
  private readonly fd: number;
  private readonly file: string;
  private end = 0;
  private readonly at: number[] = [];
  private readonly length: number[] = [];

  constructor(name: string) {
    Spool.dir ??= mkdtempSync(join(tmpdir(), 'marginalia-link-'));
    this.file = join(Spool.dir, name);
    this.fd = openSync(this.file, 'w+');
  }

  /** Stores a line under the next number (or under `slot`), returning its number. */
  add(line: string, slot = this.at.length): number {
    const bytes = Buffer.from(line, 'utf8');
    writeSync(this.fd, bytes, 0, bytes.length, this.end);
    this.at[slot] = this.end;
    this.length[slot] = bytes.length;
    this.end += bytes.length;
    return slot;
  }

  get(slot: number): string {
    const bytes = Buffer.allocUnsafe(this.length[slot]);
    readSync(this.fd, bytes, 0, bytes.length, this.at[slot]);
    return bytes.toString('utf8');
  }

  /** The spool as a link store of JSON values, one a slot. */
  store<T>(): { put(i: number, value: T): void; get(i: number): T } {
    return { put: (i, value) => void this.add(JSON.stringify(value), i), get: (i) => JSON.parse(this.get(i)) as T };
  }

  close(): void {
    closeSync(this.fd);
    rmSync(this.file, { force: true });
  }

  /** Removes the spool folder (after every spool is closed). */
  static removeAll(): void {
    if (Spool.dir) rmSync(Spool.dir, { recursive: true, force: true });
    Spool.dir = undefined;
  }
}
