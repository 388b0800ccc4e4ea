/**
 * Export and import of annotation sets in formats other tools read. Pure TypeScript (no fs, no vscode):
 * functions take articles (path, text, annotations) and return strings; imports take the exported
 * string and the articles' texts and return annotations per article plus the problems found.
 *
 * | format | offsets                                                         | round trip                         |
 * |--------|-----------------------------------------------------------------|------------------------------------|
 * | W3C    | code points of the file's text (CRLF = 2)                       | every field, rejections included   |
 * | JSONL  | code points (default) or UTF-16 (`offsets: 'utf16'`), CRLF = 2   | every field with the metadata      |
 * | brat   | code points of an LF copy of the text (CRLF = 1)                | export only                        |
 * | CSV    | none (text columns)                                             | export only                        |
 */
export {
  annotationIri,
  articleIri,
  exportable,
  problemLine,
  type CommonExportOptions,
  type ExportArticle,
  type ImportArticle,
  type Problem,
  type Report,
} from './common';
export type { ImportResult } from './collect';
export { exportW3C, importW3C, toW3CAnnotation, ANNO_CONTEXT, MARGINALIA_VOCAB, type W3CExportOptions, type W3CImportOptions } from './w3c';
export { exportJsonl, importJsonl, type JsonlExportOptions, type JsonlImportOptions, type JsonlOffsets } from './jsonl';
export { exportBrat, bratAnnotationConf, bratAttribute, type BratDocument, type BratExportOptions } from './brat';
export { exportCsv, csvField, csvRecords, CSV_COLUMNS, type CsvExportOptions } from './csv';
export { detectFormat, importAnnotations, mergeImported, referencedPaths, sameAnnotation, type ImportOptions, type MergeResult } from './import';
export { EXPORT_EXTENSIONS, EXPORT_FORMATS, IMPORT_FORMATS, type ExportFormat, type ImportFormat } from './formats';
