export * from './model';
export { serializeSidecar, parseSidecar, type ParseResult } from './format';
export { suggestionsFor, mergeAnnotations, makeSidecar } from './build';
export { reanchorAnnotations, type ReanchorReport } from './reanchor';
