// npm run keys -- create --project <projectId> [--name <label>]   a new key, printed once, alone on the last line
// npm run keys -- list [--project <projectId>]                     keys: id, project, name, created, last used, revoked
// npm run keys -- revoke <keyId>                                   the key stops working within seconds, everywhere
//
// The Neo4j is the one `npm start` uses: NEO4J_URI and its credentials, else the local Neo4j (started for
// the command when it is not running, and stopped again after it).
import { parseArgs } from "node:util";
import pino from "pino";
import { issueApiKey } from "../src/auth/issueApiKey";
import { loadConfig } from "../src/config";
import { configuredNeo4j } from "../src/configuredNeo4j";
import { type ApiKeyRecord, ApiKeyStore } from "../src/db/apiKeys";
import { CypherFiles } from "../src/db/cypherFiles";
import { Database } from "../src/db/database";
import { createMetrics } from "../src/metrics";

const USAGE = `usage:
  npm run keys -- create --project <projectId> [--name <label>]
  npm run keys -- list [--project <projectId>]
  npm run keys -- revoke <keyId>`;

class UsageError extends Error {}

type Command = { name: "create"; projectId: string; label: string | null } | { name: "list"; projectId: string | null } | { name: "revoke"; keyId: string };

function parseCommand(argv: string[]): Command {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { project: { type: "string" }, name: { type: "string" } },
  });
  const [name, ...rest] = positionals;
  if (name === "create" && rest.length === 0 && values.project?.trim()) {
    return { name, projectId: values.project, label: values.name?.trim() || null };
  }
  if (name === "list" && rest.length === 0 && values.name === undefined) return { name, projectId: values.project ?? null };
  if (name === "revoke" && rest.length === 1 && values.project === undefined && values.name === undefined) return { name, keyId: rest[0] as string };
  throw new UsageError(USAGE);
}

async function run(command: Command, store: ApiKeyStore): Promise<number> {
  switch (command.name) {
    case "create": {
      const { key, record } = await issueApiKey(store, command.projectId, command.label);
      console.log(`created key ${record.keyId} for project "${record.projectId}"; it is shown only now, so store it:`);
      console.log(key);
      return 0;
    }
    case "list":
      printTable(await store.list(command.projectId));
      return 0;
    case "revoke": {
      const revoked = await store.revoke(command.keyId);
      if (revoked === null) {
        console.error(`no live key with id "${command.keyId}" (unknown, or revoked already)`);
        return 1;
      }
      console.log(`revoked key ${revoked.keyId} of project "${revoked.projectId}"; it stops working within seconds`);
      return 0;
    }
  }
}

function printTable(keys: readonly ApiKeyRecord[]): void {
  const time = (date: Date | null, none: string): string => (date === null ? none : date.toISOString());
  const rows = [
    ["id", "project", "name", "created", "last used", "revoked"],
    ...keys.map((key) => [key.keyId, key.projectId, key.name ?? "", time(key.createdAt, ""), time(key.lastUsedAt, "never"), time(key.revokedAt, "")]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd());
}

async function main(): Promise<number> {
  const command = parseCommand(process.argv.slice(2));
  const config = loadConfig();
  // Only warnings, and on stderr: stdout is the command's answer.
  const logger = pino({ level: "warn" }, pino.destination(2));
  const neo4j = await configuredNeo4j(config, logger);
  const db = Database.connect(
    { uri: neo4j.uri, username: neo4j.username, password: neo4j.password, database: neo4j.database },
    CypherFiles.load(),
    createMetrics(),
    logger,
  );
  try {
    // The key constraints, for a database no server has started on yet.
    await db.applySchema();
    return await run(command, new ApiKeyStore(db));
  } finally {
    await db.close();
    await neo4j.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A usage or configuration error is its message; anything else too, without a stack for the operator to wade through.
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
