import type { Database } from "./database";
import { type Row, firstRow, mapOptional } from "./row";

/** An API key as it is listed: never its secret, never its hash. */
export interface ApiKeyRecord {
  keyId: string;
  projectId: string;
  name: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** What a presented key is checked against: the project it acts on and the hash its secret must match. */
export interface LiveApiKey {
  keyId: string;
  projectId: string;
  hash: string;
}

/** Projects' API keys. Unlike the other stores it spans projects: a request's key is what names its project. */
export class ApiKeyStore {
  constructor(private readonly db: Database) {}

  async create(key: { keyId: string; projectId: string; name: string | null; hash: string }): Promise<ApiKeyRecord> {
    return toApiKeyRecord(firstRow(await this.db.write("api-key.create", key)).row("key"));
  }

  /** The live key with this keyId, or null for an unknown or revoked one. */
  async get(keyId: string): Promise<LiveApiKey | null> {
    const rows = await this.db.read("api-key.get", { keyId });
    return mapOptional(firstRow(rows).optionalRow("key"), (row) => ({
      keyId: row.string("keyId"),
      projectId: row.string("projectId"),
      hash: row.string("hash"),
    }));
  }

  async list(projectId: string | null): Promise<ApiKeyRecord[]> {
    const rows = await this.db.read("api-key.list", { projectId });
    return rows.map((row) => toApiKeyRecord(row.row("key")));
  }

  /** Revokes a live key; null when there is no live key with this keyId. */
  async revoke(keyId: string): Promise<ApiKeyRecord | null> {
    const rows = await this.db.write("api-key.revoke", { keyId });
    return mapOptional(rows[0]?.row("key") ?? null, toApiKeyRecord);
  }

  /** Records that the key was used, unless that was recorded less than `everySeconds` ago. */
  async touch(keyId: string, everySeconds: number): Promise<void> {
    await this.db.write("api-key.touch", { keyId, everySeconds });
  }
}

function toApiKeyRecord(row: Row): ApiKeyRecord {
  return {
    keyId: row.string("keyId"),
    projectId: row.string("projectId"),
    name: row.optionalString("name"),
    createdAt: row.date("createdAt"),
    lastUsedAt: row.optionalDate("lastUsedAt"),
    revokedAt: row.optionalDate("revokedAt"),
  };
}
