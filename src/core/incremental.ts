import type { AnalysisResult, DocumentResult } from './contract';
import { analyzeArticles, type AnalyzeOptions } from './analyze';

/**
 * A folder of articles kept analysed while they change. `setArticle` after an edit, then
 * `documentResult` for the edited article (what the editor needs at once); `result` gives the whole
 * folder with facts across articles.
 */
export class FolderAnalyzer {
  private texts = new Map<string, string>();
  private cached: AnalysisResult | undefined;

  constructor(private readonly options: AnalyzeOptions) {}

  setArticle(path: string, text: string): void {
    if (this.texts.get(path) === text) return;
    this.texts.set(path, text);
    this.cached = undefined;
  }

  removeArticle(path: string): void {
    if (this.texts.delete(path)) this.cached = undefined;
  }

  get paths(): string[] {
    return [...this.texts.keys()];
  }

  /** The analysis of one article, linked against the folder. */
  documentResult(path: string): DocumentResult | undefined {
    return this.result().documents.find((d) => d.path === path);
  }

  result(): AnalysisResult {
    if (!this.cached) this.cached = analyzeArticles([...this.texts].map(([path, text]) => ({ path, text })), this.options);
    return this.cached;
  }
}
