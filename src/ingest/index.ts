import type { Logger } from "pino";
import type { Database } from "../db/database";
import { IngestQueue } from "../db/ingestQueue";
import { IngestStore } from "../db/ingestStore";
import type { Metrics } from "../metrics";
import { embedAndStore } from "./embedAndStore";
import { embeddedExtractor } from "./embedded";
import type { Extractor, SummaryWriter } from "../domain/extraction";
import type { Embedder } from "./llm/embeddingsClient";
import type { WorkerSettings } from "./settings";
import { IngestWorker } from "./worker";

export { DEFAULT_INGEST_SETTINGS, type WorkerSettings } from "./settings";
export { IngestWorker } from "./worker";

/** How the app runs ingestion: the worker's settings, and what reads episodes and writes summaries. */
export interface IngestOptions extends WorkerSettings {
  /** Default: the embedded extractor (no network, no model). */
  extractor?: Extractor;
  /** Default: none, the deterministic summary of each node's facts. */
  summaryWriter?: SummaryWriter | null;
  /** Default: none; with one, vectors for each episode's new facts, changed nodes and the episode itself. */
  embedder?: Embedder | null;
  /** The projects whose episodes this worker takes; null (the default): every project. */
  projectIds?: readonly string[] | null;
}


export function createIngestWorker(db: Database, metrics: Metrics, logger: Logger, options: IngestOptions): IngestWorker {
  const { extractor = embeddedExtractor, summaryWriter = null, embedder = null, projectIds = null, ...settings } = options;
  return new IngestWorker(
    {
      queue: new IngestQueue(db, projectIds),
      store: new IngestStore(db),
      extractor,
      summaryWriter,
      embed: embedder ? (projectId, uuids, signal) => embedAndStore(db, projectId, embedder, uuids, signal) : null,
      metrics,
      logger: logger.child({ component: "ingest", extractor: extractor.kind }),
    },
    settings,
  );
}
