export * from './model';
export { parseArticle, parseMarkdown, parsePlainText, isMarkdownPath } from './parse';
export { splitSentences } from './sentences';
export { coversHidden, cutAtMarkup, mergeSpans, readerText, visibleParts } from './visible';
