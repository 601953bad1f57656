import { type BulkImportDependencies, type ValidImportLine, importLines } from "../services/bulkImport";

/** A valid line waiting for its batch, with its number in the file for reporting. */
export interface PendingLine {
  line: number;
  valid: ValidImportLine;
}

export interface ImportCounts {
  imported: number;
  /** Lines whose userId existed already (before the import, or on an earlier line). */
  skipped: number;
  rejected: number;
}

/**
 * Stores batches, at most `concurrency` at a time, and tallies what became of each line. A failed batch
 * (Neo4j gone, not a refused line) stops the import: the next write or settle throws it, once nothing of
 * this writer is still running.
 */
export class BatchWriter {
  readonly counts: ImportCounts = { imported: 0, skipped: 0, rejected: 0 };
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly deps: BulkImportDependencies,
    private readonly concurrency: number,
    private readonly onRejected: (line: number, message: string) => void,
    private readonly onStored: () => void,
  ) {}

  reject(line: number, message: string): void {
    this.counts.rejected += 1;
    this.onRejected(line, message);
  }

  /** Starts storing a batch; returns once fewer than `concurrency` batches are in flight. */
  async write(batch: readonly PendingLine[]): Promise<void> {
    const stored = this.store(batch).finally(() => this.inFlight.delete(stored));
    this.inFlight.add(stored);
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    this.throwFailure();
  }

  /** Waits for every batch in flight; throws the first failure. */
  async settle(): Promise<void> {
    await Promise.all(this.inFlight);
    this.throwFailure();
  }

  private async store(batch: readonly PendingLine[]): Promise<void> {
    try {
      const outcomes = await importLines(
        this.deps,
        batch.map((pending) => pending.valid),
      );
      outcomes.forEach((outcome, index) => {
        if (outcome === "imported") this.counts.imported += 1;
        else if (outcome === "skipped") this.counts.skipped += 1;
        else this.reject(batch[index]!.line, outcome.message);
      });
      this.onStored();
    } catch (error) {
      this.failure ??= { error };
    }
  }

  private throwFailure(): void {
    if (this.failure) throw this.failure.error;
  }
}
