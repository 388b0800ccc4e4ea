import type { EntityType } from '../contract';

/** Sidecar format version written by this build. Files with a newer version are never overwritten. */
export const SIDECAR_VERSION = 1;

export type AnnotationKind = 'entity' | 'quote' | 'claim' | 'note';
export type AnnotationOrigin = 'suggested' | 'user';
export type AnnotationStatus = 'suggested' | 'accepted' | 'rejected';

export interface AnnotationTargetJson {
  /** TextPositionSelector: UTF-16 offsets into the article. */
  start: number;
  end: number;
  /** TextQuoteSelector. */
  exact: string;
  prefix: string;
  suffix: string;
}

export interface Annotation {
  id: string;
  kind: AnnotationKind;
  origin: AnnotationOrigin;
  status: AnnotationStatus;
  type?: EntityType;
  entityId?: string;
  speaker?: string | null;
  tags: string[];
  note?: string;
  /**
   * Set when the annotated text could not be found again after the article changed: the annotation is
   * kept (with its status, tags and note) until the user re-attaches or deletes it.
   */
  orphaned?: boolean;
  /** For an entity the user merged into another: a name of that entity (the two become aliases). */
  mergedInto?: string;
  /** For a claim a fact-checker rated: the verdict, a label of the setting `marginalia.verdicts` (the note is the review). */
  verdict?: string;
  created: string;
  modified: string;
  target: AnnotationTargetJson;
}

export interface Sidecar {
  version: number;
  generator: { name: string; version: string; recogniser: string };
  /** `repeats`: what the text repeated when saved (anchoring/repeats.ts), absent when nothing (or too
   *  much) was; re-anchoring reads it to tell a repeat the article always had from a pasted copy. */
  document: { path: string; length: number; hash: string; repeats?: string };
  annotations: Annotation[];
  /**
   * Left by a merge of two annotators' files (git's merge driver): each field the two changed differently, with
   * both values (the annotation holds ours until someone chooses). Absent when there is none.
   */
  conflicts?: SidecarConflict[];
}

/** One field of one annotation changed differently on two branches; `field` is `annotation` for change vs delete. */
export interface SidecarConflict {
  id: string;
  field: string;
  base: unknown;
  ours: unknown;
  theirs: unknown;
}

/** A user decision is anything the user did to an annotation; those are kept forever. */
export function isUserDecision(a: Annotation): boolean {
  return a.origin === 'user' || a.status !== 'suggested' || a.tags.length > 0 || !!a.note || !!a.orphaned || !!a.verdict;
}
