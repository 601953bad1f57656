import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { ConfigError, loadConfig } from "../config";
import { UsergraphError } from "../errors";
import { configuredNeo4j } from "../configuredNeo4j";
import { CypherFiles } from "../db/cypherFiles";
import { Database } from "../db/database";
import { ImportStore } from "../db/imports";
import { factListSummarizer } from "../domain/graph/summarizer";
import { createLogger } from "../logger";
import { createMetrics } from "../metrics";
import { importFile } from "./importFile";
import { progressView } from "./progressView";

// npm run import -- <file.ndjson>: bulk import into the Neo4j and project of `npm start` (NEO4J_URI, else
// the local Neo4j, started when it is not running; PROJECT_ID). Refused lines and progress go to stderr;
// stdout gets one line, the summary. Exit code 0: every line imported or skipped; 1: some lines refused;
// 2: the import could not run or stopped (what was stored so far stays, and a second run skips it).

const USAGE = "usage: npm run import -- <file.ndjson>   (one user a line; see the README, \"Bulk import\")";

class UsageError extends Error {}

async function main(): Promise<number> {
  const file = fileArgument(process.argv.slice(2));
  await access(file, constants.R_OK).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${error.code ?? error.message}`);
  });
  const config = loadConfig();
  const logger = createLogger(config, "stderr");
  const neo4j = await configuredNeo4j(config, logger);
  try {
    const db = Database.connect(neo4j, CypherFiles.load(), createMetrics({ processMetrics: false }), logger);
    try {
      // A fresh database gets its constraints first: they are what keeps a userId unique.
      await db.applySchema();
      const view = progressView(process.stderr);
      const summary = await importFile({ imports: new ImportStore(db, config.projectId), summarizer: factListSummarizer }, file, {
        onRejected: (line, message) => view.note(`line ${line}: ${message}`),
        onProgress: (progress) => view.show(progress),
      });
      view.finish(summary);
      console.log(
        `imported ${summary.imported} users, skipped ${summary.skipped} existing, rejected ${summary.rejected} lines ` +
          `in ${(summary.elapsedMs / 1000).toFixed(1)} s`,
      );
      return summary.rejected > 0 ? 1 : 0;
    } finally {
      await db.close();
    }
  } finally {
    await neo4j.stop();
  }
}

function fileArgument(args: string[]): string {
  if (args.includes("--help") || args.includes("-h")) {
    console.error(USAGE);
    process.exit(0);
  }
  if (args.length !== 1 || args[0]!.startsWith("-")) throw new UsageError(USAGE);
  return args[0]!;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof ConfigError || error instanceof UsergraphError;
    const detail = known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    const rerun = error instanceof UsageError || error instanceof ConfigError ? "" : "\n(batches stored before this stay; running the file again skips them)";
    console.error(`import failed: ${detail}${rerun}`);
    process.exitCode = 2;
  },
);
