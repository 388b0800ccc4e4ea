/**
 * Marginalia's re-anchoring engine: pure TypeScript (no fs, no vscode), for Node, browsers and tests.
 *
 * - `describe(text, start, end)` builds an annotation target (position + quote selectors).
 * - `applyEdits` / `EditTracker` keep targets in step with edits made in the editor.
 * - `reanchor(text, targets, { repeats })` finds targets again after the text changed outside the
 *   editor; `repeatsOf(text)`, stored beside the targets, tells it what the old text repeated.
 * - `utf16ToCodePoint` / `codePointToUtf16` / `CodePointIndex` convert offsets for the W3C export.
 */
export type {
  AnchorMethod,
  AnchorResult,
  AnchorStatus,
  AnchorTarget,
  EditReplayResult,
  OrphanReason,
  TextEdit,
  TextPositionSelector,
  TextQuoteSelector,
} from './types';
/** Short name for an annotation's target (position + quote selectors). */
export type { AnchorTarget as Target } from './types';
export { CONTEXT_LENGTH, describe } from './describe';
export { applyEdits, EditTracker, ORPHAN_DAMAGE } from './edits';
export { reanchor, type ReanchorOptions } from './reanchor';
export { repeatsOf } from './repeats';
export { CodePointIndex, codePointToUtf16, NormalizedText, normalizeForMatch, utf16ToCodePoint } from './text';
