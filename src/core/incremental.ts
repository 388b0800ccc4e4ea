import type { AnalysisResult, DocumentResult } from './contract';
import { patchDocument, runAnalysis, runAnalysisSliced, type AnalysisContext, type AnalyzeOptions } from './analyze';

/**
 * A folder of articles kept analysed while they change. After `setArticle`, `documentResult` gives the
 * edited article's annotations at once: only its changed paragraphs are analysed again, against what
 * the last full analysis learned about the folder. `result` gives the whole folder, with entities and
 * facts across articles, re-running the full analysis when anything changed since the last one.
 */
export class FolderAnalyzer {
  private texts = new Map<string, string>();
  private docs = new Map<string, DocumentResult>();
  private context: AnalysisContext | undefined;
  private full: AnalysisResult | undefined;
  /** Articles added or removed since the last full analysis (they cannot be patched). */
  private structureChanged = true;

  constructor(private options: AnalyzeOptions) {}

  /** New options: when the recogniser or the user's corrections differ, the next read re-analyses everything. */
  setOptions(options: AnalyzeOptions): void {
    const key = (o: AnalyzeOptions) => JSON.stringify([o.recogniser.id, o.maxLength, [...(o.corrections?.rejected ?? [])].sort(), [...(o.corrections?.accepted ?? [])].sort(), [...(o.corrections?.merges ?? [])].sort()]);
    const changed = key(options) !== key(this.options);
    this.options = options;
    if (changed) {
      this.structureChanged = true;
      this.full = undefined;
    }
  }

  setArticle(path: string, text: string): void {
    const old = this.texts.get(path);
    if (old === text) return;
    this.texts.set(path, text);
    this.full = undefined;
    const previous = this.docs.get(path);
    if (old === undefined || !previous || !this.context || previous.skipped || this.structureChanged) {
      this.structureChanged = true;
      return;
    }
    this.docs.set(path, patchDocument(previous, old, text, this.context));
  }

  /** Whether an edit to this article can be patched now (else the next read runs a full analysis). */
  patchable(path: string): boolean {
    return !this.structureChanged && !!this.context && !!this.docs.get(path) && !this.docs.get(path)!.skipped;
  }

  removeArticle(path: string): void {
    if (!this.texts.delete(path)) return;
    this.docs.delete(path);
    this.full = undefined;
    this.structureChanged = true;
  }

  get paths(): string[] {
    return [...this.texts.keys()];
  }

  /** The analysis of one article: patched after edits, from the full analysis otherwise. */
  documentResult(path: string): DocumentResult | undefined {
    if (this.structureChanged) this.result();
    return this.docs.get(path);
  }

  /** Whether the whole-folder view (facts, entity counts) is behind the articles' latest text. */
  get stale(): boolean {
    return this.full === undefined;
  }

  result(): AnalysisResult {
    if (!this.full) this.adopt(runAnalysis(this.inputs(), this.options));
    return this.full!;
  }

  /**
   * `result()` in slices that leave the event loop free between them (for the extension host). If the
   * articles change while it runs, the newer texts win: the outcome is only adopted when nothing changed.
   */
  async resultSliced(sliceMs = 15, cancelled: () => boolean = () => false): Promise<AnalysisResult> {
    while (!this.full) {
      const inputs = this.inputs();
      const done = await runAnalysisSliced(inputs, this.options, sliceMs, cancelled);
      if (inputs.every((i) => this.texts.get(i.path) === i.text) && inputs.length === this.texts.size) this.adopt(done);
    }
    return this.full;
  }

  private inputs() {
    return [...this.texts].map(([path, text]) => ({ path, text }));
  }

  private adopt({ result, context }: { result: AnalysisResult; context: AnalysisContext }) {
    this.full = result;
    this.context = context;
    this.docs = new Map(result.documents.map((d) => [d.path, d]));
    this.structureChanged = false;
  }
}
