/**
 * Work the extension host's thread does for the worker's results, in slices of at most `budgetMs`: between
 * slices the event loop is free (hovers, typing, other extensions). Jobs run in the order they were queued.
 */
export class Slicer {
  private readonly jobs: (() => void)[] = [];
  private scheduled = false;
  private readonly drained: (() => void)[] = [];

  constructor(private readonly budgetMs = 8) {}

  push(job: () => void): void {
    this.jobs.push(job);
    this.schedule();
  }

  /** Resolves once every job queued so far has run. */
  idle(): Promise<void> {
    if (!this.jobs.length && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => this.run(), 0);
  }

  private run(): void {
    const started = performance.now();
    let i = 0;
    try {
      while (i < this.jobs.length && performance.now() - started < this.budgetMs) this.jobs[i++]();
    } finally {
      this.jobs.splice(0, i);
      this.scheduled = false;
      if (this.jobs.length) this.schedule();
      else for (const resolve of this.drained.splice(0)) resolve();
    }
  }
}
