import neo4j, { type BookmarkManager, type Driver, Neo4jError, type QueryResult } from "neo4j-driver";
import type { Logger } from "pino";
import { idempotencyKeyTakenOver, serviceUnavailable } from "../errors";
import type { Metrics } from "../metrics";
import { traceStatement } from "../observability/cypherSpan";
import { currentRequestLogger } from "../observability/requestScope";
import type { CypherFiles } from "./cypherFiles";
import { toNativeMap, toNeo4jParams } from "./neo4jValues";
import { Row } from "./row";
import { SCHEMA_STATEMENTS, type StatementName } from "./statements";

export type Params = Record<string, unknown>;

/** Sends one statement: in a managed transaction, or in an auto-commit transaction of its own. */
type RunStatement = (statement: string, params: unknown) => Promise<QueryResult>;

/** Runs named statements inside one transaction; what a write-transaction function receives. */
export interface StatementRunner {
  run(queryName: StatementName, params: Params): Promise<Row[]>;
}

/**
 * A request's writes under an Idempotency-Key (src/db/writeJournal.ts): each write transaction either replays
 * the outcome an earlier attempt of the request committed, or runs and records its outcome before it commits.
 */
export interface WriteJournal {
  nextWrite(): JournalEntry;
}

export type JournalEntry =
  | { replayed: true; outcome: unknown }
  /** Records the outcome inside the write's transaction; false when another request now holds the key. */
  | { replayed: false; record(tx: StatementRunner, outcome: unknown): Promise<boolean> };

/** Ends a write transaction early, rolling it back, and makes `outcome` its result. */
export type Rollback<T> = (outcome: T) => never;

class RolledBack<T> extends Error {
  constructor(readonly outcome: T) {
    super("rolled back with an outcome");
  }
}

export interface DatabaseOptions {
  uri: string;
  username: string;
  password: string;
  database: string;
  /** How long a statement waits for a connection, a connect, or the driver's retries of transient failures (default 3 s). */
  timeoutMs?: number;
  /** The longest a transaction may run on the server (default 30 s). */
  transactionTimeoutMs?: number;
}

/**
 * How long transient failures with Neo4j up (a deadlock, a lock wait cut short) are retried in all: longer
 * than the fail-fast budget, since these do succeed on a retry, while a Neo4j that is away fails at once.
 */
const TRANSIENT_RETRY_MS = 10_000;

/** How long readiness waits for Neo4j: a probe with a short timeout must see 503, not its own timeout. */
const PING_TIMEOUT_MS = 800;

/**
 * The one boundary that owns the driver: every statement is a named Cypher file, counted and timed in the
 * metrics and traced as a span, run in a read or write transaction, with its rows converted to plain
 * JavaScript and driver errors mapped once (connectivity -> SERVICE_UNAVAILABLE; the rest passes through for
 * the caller or the masking formatter).
 */
export class Database {
  private journal: WriteJournal | null = null;

  private constructor(
    private readonly driver: Driver,
    private readonly databaseName: string,
    private readonly cypher: CypherFiles,
    private readonly metrics: Metrics,
    private readonly transactionTimeoutMs: number,
    private readonly connectRetryMs: number,
    private readonly bookmarks: BookmarkManager | undefined,
  ) {}

  static connect(options: DatabaseOptions, cypher: CypherFiles, metrics: Metrics, logger: Logger): Database {
    // Fail fast: with Neo4j away, a request answers SERVICE_UNAVAILABLE after about timeoutMs (a connect
    // attempt, then retries until the same budget is spent), rather than after the driver's 60 s defaults.
    const timeoutMs = options.timeoutMs ?? 3000;
    const driver = neo4j.driver(options.uri, neo4j.auth.basic(options.username, options.password), {
      disableLosslessIntegers: true,
      connectionAcquisitionTimeout: timeoutMs,
      connectionTimeout: timeoutMs,
      maxTransactionRetryTime: timeoutMs,
      logging: {
        level: "warn",
        // With the id of the request under way, when the driver logs in its course.
        logger: (level, message) => currentRequestLogger(logger)[level === "error" ? "error" : "warn"]({ neo4j: true }, message),
      },
    });
    return new Database(driver, options.database, cypher, metrics, options.transactionTimeoutMs ?? 30_000, timeoutMs, undefined);
  }

  /**
   * The same database for one request: its sessions share a bookmark manager, so on a cluster a read that
   * follows a write in the same request sees that write (read-your-writes), whichever member serves it.
   */
  forRequest(): Database {
    return this.withBookmarks(neo4j.bookmarkManager());
  }

  /**
   * One statement in an auto-commit transaction: a read needs no BEGIN and COMMIT of its own, and each of
   * those was a message written and answered apart (measured: a fifth of the service's CPU under load went
   * to writing Bolt messages). A read is safe to send again, so a lost connection is retried here for the
   * same fail-fast budget as the driver's managed transactions retry it.
   */
  read(queryName: StatementName, params: Params = {}): Promise<Row[]> {
    return this.guard(() =>
      this.retryConnectivity(() =>
        this.withSession("READ", (session) =>
          this.runIn((statement, values) => session.run(statement, values, this.txConfig()), queryName, params),
        ),
      ),
    );
  }

  write(queryName: StatementName, params: Params = {}): Promise<Row[]> {
    return this.writeTransaction((tx) => tx.run(queryName, params));
  }

  /**
   * Runs `work` as one write transaction: all its statements commit together or not at all. Throwing from
   * `work` rolls back; so does `rollback(outcome)`, which makes `outcome` the result (a store's "missing" found
   * after it had written). The driver may retry `work` on transient errors, so it must not have side effects
   * outside the transaction. Under an Idempotency-Key (journalWrites), a write an earlier attempt of the request
   * committed is not run again: its recorded outcome is the result.
   */
  async writeTransaction<T>(work: (tx: StatementRunner, rollback: Rollback<T>) => Promise<T>): Promise<T> {
    const entry = this.journal?.nextWrite();
    if (entry?.replayed) return entry.outcome as T;
    const rollback: Rollback<T> = (outcome) => {
      throw new RolledBack(outcome);
    };
    const journaled = async (tx: StatementRunner): Promise<T> => {
      const outcome = await work(tx, rollback);
      // A rolled-back write (thrown above) records nothing; a recorded one commits with its record.
      if (entry && !(await entry.record(tx, outcome))) throw idempotencyKeyTakenOver();
      return outcome;
    };
    try {
      return await this.guard(() =>
        this.withSession("WRITE", (session) =>
          session.executeWrite(
            (tx) => journaled({ run: (queryName, params) => this.runIn((statement, values) => tx.run(statement, values), queryName, params) }),
            this.txConfig(),
          ),
        ),
      );
    } catch (error) {
      if (error instanceof RolledBack) return error.outcome as T;
      throw error;
    }
  }

  /**
   * From now on, this request's write transactions go through `journal` (null: no longer). Only for a
   * database from forRequest(): the journal belongs to one request.
   */
  journalWrites(journal: WriteJournal | null): void {
    this.journal = journal;
  }

  /** The same request's database without its journal: for the statements that keep the journal itself. */
  outsideJournal(): Database {
    return this.withBookmarks(this.bookmarks);
  }

  /** The same driver and settings, with no journal and these bookmarks. */
  private withBookmarks(bookmarks: BookmarkManager | undefined): Database {
    return new Database(this.driver, this.databaseName, this.cypher, this.metrics, this.transactionTimeoutMs, this.connectRetryMs, bookmarks);
  }

  /** Answers, within a second, whether the database serves a real query (readiness). */
  async ping(): Promise<boolean> {
    const answer = this.read("health.ping").then(
      (rows) => rows[0]?.number("ok") === 1,
      () => false,
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
    });
    try {
      return await Promise.race([answer, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs the idempotent constraints and indexes of cypher/schema/, then waits for the indexes to be online. */
  async applySchema(): Promise<void> {
    await this.applyIndexes(SCHEMA_STATEMENTS, {});
  }

  /**
   * Runs idempotent index statements outside cypher/schema/ (those that depend on the configuration, such
   * as the vector indexes), then waits for every index to be online.
   */
  async applyIndexes(names: readonly StatementName[], params: Params): Promise<void> {
    for (const name of names) await this.applySchemaStatement(name, params);
    await this.read("db.await-indexes");
  }

  // Two instances starting together (replicas, parallel test workers) may create the same index at once;
  // the loser fails although the index now exists. Running the IF NOT EXISTS statement again settles it.
  private async applySchemaStatement(name: StatementName, params: Params, attemptsLeft = 3): Promise<void> {
    try {
      await this.write(name, params);
    } catch (error) {
      if (attemptsLeft <= 1 || !(error instanceof Neo4jError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
      await this.applySchemaStatement(name, params, attemptsLeft - 1);
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  private async runIn(run: RunStatement, queryName: StatementName, params: Params): Promise<Row[]> {
    const statement = this.cypher.get(queryName);
    const endTimer = this.metrics.cypherDuration.startTimer({ query: queryName });
    try {
      return await traceStatement(queryName, this.databaseName, async () => {
        const result = await run(statement, toNeo4jParams(params));
        return result.records.map((record) => new Row(toNativeMap(record.toObject()), queryName));
      });
    } finally {
      // Counted as it ends, with its duration: a scrape between the two would see them disagree.
      this.metrics.cypherQueries.inc({ query: queryName });
      endTimer();
    }
  }

  private async withSession<T>(
    mode: "READ" | "WRITE",
    work: (session: ReturnType<Driver["session"]>) => Promise<T>,
  ): Promise<T> {
    const session = this.driver.session({
      database: this.databaseName,
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks,
    });
    try {
      return await work(session);
    } finally {
      await session.close();
    }
  }

  private txConfig(): { timeout: number } {
    return { timeout: this.transactionTimeoutMs };
  }

  /** Like the driver's managed transactions: a lost or refused connection is tried again until the budget is spent. */
  private async retryConnectivity<T>(work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.connectRetryMs;
    for (let delayMs = 50; ; delayMs = Math.min(delayMs * 2, 1000)) {
      try {
        return await work();
      } catch (error) {
        if (!isConnectivityError(error) || Date.now() + delayMs > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  /**
   * The driver retries every retryable failure for the fail-fast budget only; a transient one (not a lost
   * connection) gets more attempts here, up to TRANSIENT_RETRY_MS. `work` is a whole transaction function,
   * as safe to run again as the driver's own retries.
   */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + TRANSIENT_RETRY_MS;
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (isConnectivityError(error)) throw serviceUnavailable(error);
        if (!neo4j.isRetryableError(error) || Date.now() > deadline) throw error;
      }
    }
  }
}

function isConnectivityError(error: unknown): boolean {
  return (
    error instanceof Neo4jError &&
    (error.code === neo4j.error.SERVICE_UNAVAILABLE || error.code === neo4j.error.SESSION_EXPIRED)
  );
}

/** The one place that recognises a uniqueness constraint refusing a write (a taken userId or threadId). */
export function isConstraintViolation(error: unknown): boolean {
  return error instanceof Neo4jError && error.code === "Neo.ClientError.Schema.ConstraintValidationFailed";
}
