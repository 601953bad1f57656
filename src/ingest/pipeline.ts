import type { Logger } from "pino";
import type { Claim } from "../db/ingestClaim";
import type { IngestQueue } from "../db/ingestQueue";
import type { IngestStore } from "../db/ingestStore";
import { type Summarizer, factListSummarizer } from "../domain/graph/summarizer";
import type { Metrics } from "../metrics";
import type { Extraction, ExtractionInput, Extractor, SummaryWriter } from "../domain/extraction";
import { summaryRequests, writtenSummaries } from "./writtenSummaries";

export interface PipelineDependencies {
  queue: IngestQueue;
  store: IngestStore;
  extractor: Extractor;
  /** Model-written summaries; null: the deterministic summary of each node's facts. */
  summaryWriter: SummaryWriter | null;
  metrics: Metrics;
  logger: Logger;
  /**
   * Makes and stores the vectors of what an episode added or changed, after it is applied; null without an
   * embeddings model.
   */
  embed: ((projectId: string, uuids: { facts: string[]; nodes: string[]; episodes: string[] }, signal: AbortSignal) => Promise<unknown>) | null;
}

export interface RetryPolicy {
  /** Claims of one episode before it is FAILED (extractor errors and lost workers alike). */
  maxAttempts: number;
  /** The wait before the second attempt; it doubles with each attempt after, up to five minutes. */
  retryBaseMs: number;
}

/** Why a worker stopped working on an episode before it ended. */
export type AbortReason = "shutdown" | "lost" | "timeout";

const MAX_RETRY_DELAY_MS = 5 * 60_000;

/**
 * Processes one claimed episode, whose input was read with the claim: extracts outside any transaction, has the
 * summaries written if a writer is configured, then applies all of it in one transaction under the user's
 * lock. An error is tried again later, with backoff, until the attempts run out: then the episode is
 * FAILED with its reason and the user's next episode goes ahead. Never throws.
 */
export async function processClaim(
  deps: PipelineDependencies,
  policy: RetryPolicy,
  claim: Claim,
  input: ExtractionInput | null,
  signal: AbortSignal,
): Promise<void> {
  const log = deps.logger.child({ episode: claim.episodeUuid, projectId: claim.projectId, attempt: claim.attempts });
  try {
    if (claim.attempts > policy.maxAttempts) {
      await failed(deps, claim, `given up after ${claim.attempts - 1} attempts: the workers that claimed it stopped before it ended`);
      return;
    }
    // Read with the claim: null when the episode's user node is missing. Nothing to do, nothing to keep waiting.
    if (input === null) {
      await deps.queue.reopen(claim);
      return;
    }
    const extraction = await untilAborted(deps.extractor.extract(input, signal), signal);
    countTokens(deps.metrics, extraction.tokens);
    const summaries = deps.summaryWriter ? await writeSummaries(deps, deps.summaryWriter, claim, input, extraction, signal) : factListSummarizer;
    const outcome = await deps.store.apply(claim, extraction, summaries);
    if (outcome === "gone") return;
    if (outcome === "lost") {
      await deps.queue.reopen(claim);
      return;
    }
    deps.metrics.ingestEpisodes.inc({ outcome: "processed" });
    deps.metrics.ingestFacts.inc(outcome.createdFacts);
    deps.metrics.ingestLatency.observe((outcome.processedAt.getTime() - outcome.queuedAt.getTime()) / 1000);
    log.debug({ created: outcome.createdFacts, cited: outcome.citedFacts }, "episode processed");
    if (deps.embed) {
      // After the commit: the episode's facts stand without vectors, and search finds them by full text until
      // they have them. A failure here is no reason to extract the episode again.
      const uuids = { facts: outcome.createdFactUuids, nodes: outcome.touchedNodes, episodes: [claim.episodeUuid] };
      await deps.embed(claim.projectId, uuids, signal).catch((error: unknown) => log.warn({ err: error }, "could not embed an episode's facts"));
    }
  } catch (error) {
    await afterError(deps, policy, claim, signal, error, log).catch((second: unknown) => {
      // Neo4j itself is failing: the lease will expire and another attempt will come.
      log.error({ err: second }, "could not record an ingestion failure");
    });
  }
}

async function afterError(
  deps: PipelineDependencies,
  policy: RetryPolicy,
  claim: Claim,
  signal: AbortSignal,
  error: unknown,
  log: Logger,
): Promise<void> {
  const reason = signal.aborted ? (signal.reason as AbortReason) : null;
  if (reason === "lost") return;
  if (reason === "shutdown") {
    // Given back at once and not counted: another instance (or the next start) takes it from here.
    await deps.queue.unclaim(claim, { readyAt: new Date(), reason: null, uncount: true });
    return;
  }
  const message = reason === "timeout" ? "extraction timed out" : describe(error);
  if (claim.attempts >= policy.maxAttempts) {
    log.warn({ err: error }, "episode failed for good");
    await failed(deps, claim, message);
    return;
  }
  const delay = Math.min(policy.retryBaseMs * 2 ** (claim.attempts - 1), MAX_RETRY_DELAY_MS);
  log.info({ err: error, retryInMs: delay }, "episode failed; it will be tried again");
  deps.metrics.ingestRetries.inc();
  await deps.queue.unclaim(claim, { readyAt: new Date(Date.now() + delay), reason: message, uncount: false });
}

async function failed(deps: PipelineDependencies, claim: Claim, reason: string): Promise<void> {
  if ((await deps.store.fail(claim, reason)) !== null) deps.metrics.ingestEpisodes.inc({ outcome: "failed" });
}

/**
 * Asks the writer for the summaries of the nodes the extraction changes, outside any transaction; a node
 * whose writer call fails keeps the deterministic summary. See writtenSummaries for why this is safe.
 */
async function writeSummaries(
  deps: PipelineDependencies,
  writer: SummaryWriter,
  claim: Claim,
  input: ExtractionInput,
  extraction: Extraction,
  signal: AbortSignal,
): Promise<Summarizer> {
  const known = new Set([input.subject.nodeUuid, ...extraction.entities.flatMap((entity) => (entity.resolvedUuid ? [entity.resolvedUuid] : []))]);
  for (const fact of input.facts) {
    if (extraction.facts.some((extracted) => extracted.contradicts.includes(fact.uuid))) known.add(fact.sourceNodeUuid).add(fact.targetNodeUuid);
  }
  const current = await deps.store.summaryInputs(claim.projectId, [...known]);
  const requests = summaryRequests(input, extraction, current);
  const written = await Promise.all(
    requests.map(async (request) => {
      try {
        const result = await writer.summarize({ name: request.name, opening: request.opening }, request.facts, signal);
        countTokens(deps.metrics, result.tokens);
        return [{ name: request.name, facts: request.facts, summary: result.summary }];
      } catch (error) {
        if (signal.aborted) throw error;
        deps.logger.warn({ err: error, node: request.name }, "summary writer failed; the deterministic summary stands in");
        return [];
      }
    }),
  );
  return writtenSummaries(written.flat());
}

function countTokens(metrics: Metrics, tokens: { prompt: number; completion: number }): void {
  if (tokens.prompt > 0) metrics.ingestTokens.inc({ kind: "prompt" }, tokens.prompt);
  if (tokens.completion > 0) metrics.ingestTokens.inc({ kind: "completion" }, tokens.completion);
}

/** Settles with the work, or rejects as soon as the signal aborts: an extractor that ignores its signal cannot hold a slot. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error(`aborted: ${String(signal.reason)}`));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error(`aborted: ${String(signal.reason)}`));
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message}` : String(error);
  return text.slice(0, 1000) || "unknown error";
}
