/**
 * Types of the re-anchoring engine. Offsets are UTF-16 code units into the text exactly as read
 * (CRLF counted as two units, an emoji as two, a flag as four), like the rest of the sidecar.
 */

/** W3C Web Annotation TextPositionSelector: `[start, end)` in UTF-16 code units. */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** W3C Web Annotation TextQuoteSelector: the annotated text and up to CONTEXT_LENGTH units either side. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** What the sidecar stores for one annotation's place in the article: both selectors. */
export interface AnchorTarget {
  position: TextPositionSelector;
  quote: TextQuoteSelector;
}

/** One change as the editor reports it; changes of a list are applied one after another. */
export interface TextEdit {
  /** Offset (UTF-16) of the replaced range, in the text as it is when this change applies. */
  offset: number;
  /** Length of the replaced range (0 for a pure insertion). */
  deleteLength: number;
  /** The inserted text; only its length matters, so `insertLength` may be given instead. */
  insertText?: string;
  insertLength?: number;
}

export type AnchorStatus = 'anchored' | 'moved' | 'orphaned';

/** Why an annotation was orphaned (for the UI and for debugging). */
export type OrphanReason =
  | 'empty' // the target has no quote to look for
  | 'deleted' // in-editor: its text was deleted or mostly rewritten
  | 'not-found' // no place in the text scores above the acceptance floor
  | 'ambiguous'; // two or more places fit about equally well: we do not guess

/** How a re-anchored annotation was found (highest confidence first). */
export type AnchorMethod =
  | 'position' // the stored (or landmark-shifted) position still holds quote and full context
  | 'context' // the only place holding quote and full context, found by search
  | 'nearby' // quote found near the position predicted by neighbouring annotations
  | 'fuzzy' // approximate quote near the predicted position (the annotated text was edited)
  | 'elsewhere'; // exact quote with strongly matching context far from the prediction (text moved)

export interface AnchorResult {
  status: AnchorStatus;
  /** New offsets (UTF-16, into the text given); absent when orphaned. */
  start?: number;
  end?: number;
  /** Confidence in [0, 1]; 1 for an exact quote with its full context. */
  score?: number;
  method?: AnchorMethod;
  reason?: OrphanReason;
}

export interface EditReplayResult {
  status: AnchorStatus;
  start?: number;
  end?: number;
  /**
   * Share of the annotation that changed: (original units deleted + units inserted inside) / original
   * length. At 0.5 or more the annotation is orphaned.
   */
  damage: number;
  reason?: OrphanReason;
}
