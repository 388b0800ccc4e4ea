export * from './model';
export { parseArticle, parseMarkdown, parsePlainText, isMarkdownPath } from './parse';
export { splitSentences } from './sentences';
