import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Claim } from "../db/ingestClaim";
import type { ExtractionInput } from "../domain/extraction";
import { type AbortReason, type PipelineDependencies, processClaim } from "./pipeline";
import type { WorkerSettings } from "./settings";


interface InFlight {
  done: Promise<void>;
  controller: AbortController;
}

/**
 * The ingestion worker of this process: claims episodes from the queue in Neo4j (see IngestQueue), at most
 * `concurrency` at a time and never two of one user, and processes each (see processClaim). Several
 * processes may run workers over the same Neo4j: claims are leases taken under the user's lock.
 */
export class IngestWorker {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly inFlight = new Map<string, InFlight>();
  private wakeRequested = false;
  private wakeSleeper: (() => void) | null = null;

  constructor(
    private readonly deps: PipelineDependencies,
    private readonly settings: WorkerSettings,
  ) {}

  /** Episodes this worker is processing now. */
  get busy(): number {
    return this.inFlight.size;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Looks for work now: episodes were just queued, or a slot came free. */
  wake(): void {
    this.wakeRequested = true;
    this.wakeSleeper?.();
  }

  /**
   * Stops claiming, lets the episodes in progress finish within drainMs, then aborts the rest, which give
   * their episodes back to the queue. Resolves once nothing of this worker runs any more.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    const all = (): Promise<unknown> => Promise.allSettled([...this.inFlight.values()].map((work) => work.done));
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      all().then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), this.settings.drainMs);
      }),
    ]);
    clearTimeout(timer);
    if (!drained) {
      for (const work of this.inFlight.values()) work.controller.abort("shutdown" satisfies AbortReason);
      await all();
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      const free = this.settings.concurrency - this.inFlight.size;
      let claimed = 0;
      if (free > 0) {
        try {
          claimed = await this.claimSome(free);
        } catch (error) {
          this.deps.logger.warn({ err: error }, "could not claim episodes; trying again after the poll interval");
        }
      }
      // More may be ready when every slot found work; otherwise wait for a wake-up or the poll interval.
      if (claimed < free || this.inFlight.size >= this.settings.concurrency) await this.sleep(this.settings.pollMs);
    }
  }

  private async claimSome(free: number): Promise<number> {
    // A few more users than slots: another worker may claim some of them first.
    const owners = await this.deps.queue.readyUsers(free * 2);
    let claimed = 0;
    for (const ownerId of owners) {
      if (claimed >= free || !this.running) break;
      const taken = await this.deps.queue.claim(ownerId, this.id, randomUUID(), this.settings.leaseMs);
      if (taken === null) continue;
      this.launch(taken.claim, taken.input);
      claimed += 1;
    }
    return claimed;
  }

  private launch(claim: Claim, input: ExtractionInput | null): void {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort("timeout" satisfies AbortReason), this.settings.extractTimeoutMs);
    const renewal = setInterval(() => void this.renew(claim, controller), Math.max(1000, Math.floor(this.settings.leaseMs / 3)));
    const done = processClaim(this.deps, this.settings, claim, input, controller.signal).finally(() => {
      clearTimeout(timeout);
      clearInterval(renewal);
      this.inFlight.delete(claim.token);
      this.wake();
    });
    this.inFlight.set(claim.token, { done, controller });
  }

  private async renew(claim: Claim, controller: AbortController): Promise<void> {
    try {
      if (!(await this.deps.queue.renew(claim, this.settings.leaseMs))) controller.abort("lost" satisfies AbortReason);
    } catch (error) {
      this.deps.logger.warn({ err: error, episode: claim.episodeUuid }, "could not renew an ingestion lease");
    }
  }

  private async sleep(ms: number): Promise<void> {
    if (this.wakeRequested) {
      this.wakeRequested = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeSleeper = done;
    });
    this.wakeSleeper = null;
    this.wakeRequested = false;
  }
}
