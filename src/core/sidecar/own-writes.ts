/**
 * What this window wrote to each sidecar lately, so a change seen on disk can be told apart from ours.
 *
 * Remembering only the last write is not enough: saves follow one another faster than the file watcher reports
 * them, so the watcher can report write N while write N+1 is already remembered. Taking write N for another
 * window's change would merge it back, and merging our own older state brings back what the user removed since.
 * Content this window wrote holds nothing it has not already seen, so it is never merged: the latest write is
 * simply ours; an older one on disk (late, or put back by a tool) is replaced by the latest.
 */
export type DiskContent = 'latest' | 'older' | 'foreign';

/** How many writes per file are remembered: enough for a burst of auto-saves between two watcher events. */
export const REMEMBERED_WRITES = 8;

export class OwnWrites {
  private readonly byKey = new Map<string, string[]>();

  remember(key: string, content: string): void {
    const list = (this.byKey.get(key) ?? []).filter((c) => c !== content);
    list.push(content);
    if (list.length > REMEMBERED_WRITES) list.shift();
    this.byKey.set(key, list);
  }

  /** Whether content found on disk is this window's latest write, an older one, or someone else's. */
  classify(key: string, content: string): DiskContent {
    const list = this.byKey.get(key);
    if (!list?.length) return 'foreign';
    if (list[list.length - 1] === content) return 'latest';
    return list.includes(content) ? 'older' : 'foreign';
  }
}
