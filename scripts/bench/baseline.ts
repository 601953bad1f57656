import neo4j, { type Driver, type ManagedTransaction } from "neo4j-driver";
import type { BenchNeo4j } from "./neo4j";

export type Row = Record<string, unknown>;

/**
 * The other side of every comparison: plain Cypher through a driver of its own, with no loaders and no
 * batching. Each statement is its own transaction in a session of its own, exactly as the service's
 * db/Database runs each of its statements, so a ratio measures what the service does differently (fewer
 * statements, batches), not a different way of talking to Neo4j. It counts the statements it sends.
 */
export class Baseline {
  statements = 0;

  private constructor(
    private readonly driver: Driver,
    private readonly database: string,
  ) {}

  static connect(target: BenchNeo4j): Baseline {
    const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password), {
      disableLosslessIntegers: true,
    });
    return new Baseline(driver, target.database);
  }

  read(statement: string, params: Row = {}): Promise<Row[]> {
    return this.run("READ", statement, params);
  }

  write(statement: string, params: Row = {}): Promise<Row[]> {
    return this.run("WRITE", statement, params);
  }

  /**
   * A read in an auto-commit transaction, as the service sends its reads (one Bolt message instead of a
   * transaction's begin, run and commit): for a floor that the service could reach, not the naive side.
   */
  readAutoCommit(statement: string, params: Row = {}): Promise<Row[]> {
    this.statements += 1;
    return this.runAutoCommit("READ", statement, integerParams(params));
  }

  /** Runs a statement that manages its own transactions (CALL { } IN TRANSACTIONS); not counted. */
  async autoCommit(statement: string, params: Row = {}): Promise<void> {
    await this.runAutoCommit("WRITE", statement, params);
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  private async runAutoCommit(mode: "READ" | "WRITE", statement: string, params: Row): Promise<Row[]> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: accessMode(mode) });
    try {
      const result = await session.run(statement, params);
      return result.records.map((record) => record.toObject());
    } finally {
      await session.close();
    }
  }

  private async run(mode: "READ" | "WRITE", statement: string, params: Row): Promise<Row[]> {
    this.statements += 1;
    const session = this.driver.session({ database: this.database, defaultAccessMode: accessMode(mode) });
    try {
      const work = (tx: ManagedTransaction) => tx.run(statement, integerParams(params));
      const result = mode === "READ" ? await session.executeRead(work) : await session.executeWrite(work);
      return result.records.map((record) => record.toObject());
    } finally {
      await session.close();
    }
  }
}

function accessMode(mode: "READ" | "WRITE") {
  return mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE;
}

// JavaScript numbers reach Cypher as floats, which LIMIT refuses; whole ones go as Neo4j integers.
function integerParams(params: Row): Row {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, Number.isInteger(value) ? neo4j.int(value as number) : value]),
  );
}
