/** The formats of an exported annotation set: the CLI's `--format` and the editor's format picker, in that order. */
export const EXPORT_FORMATS = ['w3c', 'jsonl', 'brat', 'csv', 'claimreview'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The file extension of each format's export ('' for brat, which writes a folder). */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = {
  w3c: 'jsonld',
  jsonl: 'jsonl',
  brat: '',
  csv: 'csv',
  claimreview: 'jsonld',
};

/** The formats that can be imported back (the others are export only). */
export const IMPORT_FORMATS = ['w3c', 'jsonl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
