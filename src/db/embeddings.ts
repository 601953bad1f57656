import type { Database } from "./database";
import type { StatementName } from "./statements";

/** The three kinds of things that carry an embedding, each with a vector index of its own. */
export type EmbeddedKind = "facts" | "nodes" | "episodes";

export type UuidsByKind = Record<EmbeddedKind, readonly string[]>;
export type TextsByKind = Record<EmbeddedKind, { uuid: string; text: string }[]>;

const SET_STATEMENTS: Record<EmbeddedKind, StatementName> = {
  facts: "embedding.set-facts",
  nodes: "embedding.set-entities",
  episodes: "embedding.set-episodes",
};

const INDEX_STATEMENTS: readonly StatementName[] = ["vector-index.entities", "vector-index.facts", "vector-index.episodes"];

/** Embeddings of one project's facts, nodes and episodes: the texts they are made from, and the vectors. */
export class EmbeddingStore {
  constructor(
    private readonly db: Database,
    private readonly projectId: string,
  ) {}

  /** The texts to embed for these uuids, in one read; uuids no longer stored are left out. */
  async texts(uuids: UuidsByKind): Promise<TextsByKind> {
    const [row] = await this.db.read("embedding.texts", {
      projectId: this.projectId,
      factUuids: uuids.facts,
      nodeUuids: uuids.nodes,
      episodeUuids: uuids.episodes,
    });
    const read = (column: EmbeddedKind) => (row?.rows(column) ?? []).map((entry) => ({ uuid: entry.string("uuid"), text: entry.optionalString("text") ?? "" }));
    return { facts: read("facts"), nodes: read("nodes"), episodes: read("episodes") };
  }

  /** Stores vectors of one kind in one statement; returns how many were stored (deleted ones are skipped). */
  async store(kind: EmbeddedKind, rows: readonly { uuid: string; vector: readonly number[] }[]): Promise<number> {
    if (rows.length === 0) return 0;
    const [row] = await this.db.write(SET_STATEMENTS[kind], { projectId: this.projectId, rows });
    return row?.number("stored") ?? 0;
  }
}

/**
 * Creates the three vector indexes (cosine; with fixed dimensions when configured) and waits until they are
 * online. Returns the indexes whose stored dimensions differ from `dimensions`: IF NOT EXISTS keeps an index
 * as it was first made, so a changed EMBEDDINGS_DIMENSIONS needs the index dropped by hand.
 */
export async function applyVectorIndexes(db: Database, dimensions: number | null): Promise<{ name: string; dimensions: number | null }[]> {
  await db.applyIndexes(INDEX_STATEMENTS, { dimensions });
  const rows = await db.read("vector-index.dimensions");
  return rows
    .map((row) => ({ name: row.string("name"), dimensions: row.optionalNumber("dimensions") }))
    .filter((index) => dimensions !== null && index.dimensions !== dimensions);
}
