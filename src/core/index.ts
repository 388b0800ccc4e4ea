/** The analysis core: plain TypeScript with no `vscode` (and no Node) imports. */
export * from './contract';
export { analyzeArticles, runAnalysisSliced, AnalysisCancelled, unreadableReason, DEFAULT_MAX_LENGTH, type ArticleInput, type AnalyzeOptions } from './analyze';
export { parseArticle } from './document';
export { nerRecogniser, nerRecogniserFromBytes } from './entities/ner-recogniser';
export { compromiseRecogniser } from './entities/compromise-recogniser';
export { noCorrections, type Corrections, type NameRecogniser } from './entities';
export { FolderAnalyzer } from './incremental';
export { warmDateParsers } from './entities/date-parser';
