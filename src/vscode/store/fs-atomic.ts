import * as vscode from 'vscode';

const encoder = new TextEncoder();

/**
 * Writes a file through `workspace.fs` (any file system, the browser's included) so that readers see the old or
 * the new content, never half of it: a temporary file beside it, renamed over it. The temporary file never outlives
 * a failure. workspace.fs cannot flush to disk: on `file:` the desktop host uses src/node/atomic.ts instead.
 */
export async function writeThroughWorkspaceFs(target: vscode.Uri, content: string): Promise<void> {
  const tmp = target.with({ path: `${target.path}.tmp-${Date.now().toString(36)}` });
  try {
    await vscode.workspace.fs.writeFile(tmp, encoder.encode(content));
    await vscode.workspace.fs.rename(tmp, target, { overwrite: true });
  } catch (e) {
    // Never leave a temporary file behind: it would sit next to the article until someone deletes it.
    await Promise.resolve(vscode.workspace.fs.delete(tmp)).catch(() => undefined);
    throw e;
  }
}
