export * from './model';
export { serializeSidecar, parseSidecar, type ParseResult } from './format';
export { suggestionsFor, mergeAnnotations, placeAnnotations, makeSidecar } from './build';
export { correctionsFrom } from './corrections';
export { reanchorAnnotations, type ReanchorReport } from './reanchor';
export { OwnWrites, REMEMBERED_WRITES, type DiskContent } from './own-writes';
export { mergeWithDisk, annotationAt, afterLostTarget, readSidecarText, type SidecarRead } from './disk';
