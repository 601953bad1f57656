import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { UsergraphError } from "../errors";
import { type BulkImportDependencies, validateImportLine } from "../services/bulkImport";
import { BatchWriter, type ImportCounts, type PendingLine } from "./batchWriter";
import { parseImportLine } from "./parseLine";

// Reads an import file line by line and stores its users in batches: a refused line is reported by its
// number and the rest go on; the file streams, so its size is bounded by the disk, not by memory.

export type { ImportCounts } from "./batchWriter";

export interface ImportOptions {
  /** Users per transaction. */
  batchSize?: number;
  /** Messages per transaction: lines with long threads close a batch early, which bounds its memory. */
  batchMessages?: number;
  /** Characters of JSON per transaction, for the same reason: lines near the metadata limits are large. */
  batchChars?: number;
  /**
   * Batches in flight. Several keep both Neo4j and Node.js busy: Neo4j writes two batches on two cores
   * while Node.js reads and checks the next (three measured about 40% faster than two on two cores). The
   * constraint on userId keeps concurrent batches from creating one user twice.
   */
  concurrency?: number;
  /** Each refused line, as it is found (a taken threadId is found when the line's batch is written). */
  onRejected?: (line: number, message: string) => void;
  /** After every batch. */
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress extends ImportCounts {
  lines: number;
  bytesRead: number;
  totalBytes: number;
  elapsedMs: number;
}

/** The figures at the end: every line read, every batch stored. */
export type ImportSummary = ImportProgress;

export const DEFAULT_BATCH_SIZE = 1000;
const DEFAULT_BATCH_MESSAGES = 5000;
// Neo4j gives a transaction a quarter of its heap (256 MiB of the local Neo4j's 1 GiB); a batch's state
// takes a few times its JSON.
const DEFAULT_BATCH_CHARS = 16 * 1024 * 1024;
const DEFAULT_CONCURRENCY = 3;

export async function importFile(deps: BulkImportDependencies, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const totalBytes = (await stat(file)).size;
  const input = createReadStream(file);
  let lineNumber = 0;
  const progress = (): ImportProgress => ({
    ...writer.counts,
    lines: lineNumber,
    bytesRead: input.bytesRead,
    totalBytes,
    elapsedMs: performance.now() - started,
  });
  const writer = new BatchWriter(
    deps,
    options.concurrency ?? DEFAULT_CONCURRENCY,
    options.onRejected ?? (() => undefined),
    () => options.onProgress?.(progress()),
  );
  const batch = new Batch(options);
  try {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      lineNumber += 1;
      const json = lineNumber === 1 ? text.replace(/^\uFEFF/, "") : text;
      if (json.trim() === "") continue;
      try {
        batch.add({ line: lineNumber, valid: validateImportLine(parseImportLine(json)) }, json.length);
      } catch (error) {
        if (!(error instanceof UsergraphError)) throw error;
        writer.reject(lineNumber, error.message);
      }
      if (batch.isFull()) await writer.write(batch.take());
    }
    if (!batch.isEmpty()) await writer.write(batch.take());
  } finally {
    // Whatever ended the loop, nothing may still write when the caller closes the driver.
    await writer.settle();
  }
  return progress();
}

/** The lines of the next transaction, and whether one more would make it too large. */
class Batch {
  private lines: PendingLine[] = [];
  private messages = 0;
  private chars = 0;
  private readonly limits: { size: number; messages: number; chars: number };

  constructor(options: ImportOptions) {
    this.limits = {
      size: options.batchSize ?? DEFAULT_BATCH_SIZE,
      messages: options.batchMessages ?? DEFAULT_BATCH_MESSAGES,
      chars: options.batchChars ?? DEFAULT_BATCH_CHARS,
    };
  }

  add(pending: PendingLine, chars: number): void {
    this.lines.push(pending);
    this.messages += pending.valid.threads.reduce((sum, thread) => sum + thread.messages.length, 0);
    this.chars += chars;
  }

  isFull(): boolean {
    return this.lines.length >= this.limits.size || this.messages >= this.limits.messages || this.chars >= this.limits.chars;
  }

  isEmpty(): boolean {
    return this.lines.length === 0;
  }

  take(): PendingLine[] {
    const lines = this.lines;
    this.lines = [];
    this.messages = 0;
    this.chars = 0;
    return lines;
  }
}
