import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { parseArgs } from "node:util";
import { ConfigError, MAX_PROJECT_ID_LENGTH, loadConfig } from "../config";
import { UsergraphError } from "../errors";
import { configuredNeo4j } from "../configuredNeo4j";
import { CypherFiles } from "../db/cypherFiles";
import { Database } from "../db/database";
import { createLogger } from "../logger";
import { createMetrics } from "../metrics";
import { importIntoProject } from "./importIntoProject";
import { progressView } from "./progressView";

// npm run import -- [--project <id>] <file.ndjson>: bulk import into the Neo4j of `npm start` (NEO4J_URI,
// else the local Neo4j, started when it is not running) and into one project (--project, else PROJECT_ID).
// An operator's tool, like `npm run keys`: it talks to Neo4j directly and needs no API key. Refused lines
// and progress go to stderr; stdout gets one line, the summary. Exit code 0: every line imported or skipped;
// 1: some lines refused; 2: the import could not run or stopped (what was stored so far stays, and a second
// run skips it).

const USAGE =
  "usage: npm run import -- [--project <projectId>] <file.ndjson>   (one user a line; the project defaults to PROJECT_ID; see the README, \"Bulk import\")";

class UsageError extends Error {}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  await access(args.file, constants.R_OK).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${args.file}: ${error.code ?? error.message}`);
  });
  const config = loadConfig();
  const projectId = args.projectId ?? config.projectId;
  const logger = createLogger(config, "stderr");
  const neo4j = await configuredNeo4j(config, logger);
  try {
    const db = Database.connect(neo4j, CypherFiles.load(), createMetrics({ processMetrics: false }), logger);
    try {
      logger.info({ projectId }, "importing");
      const view = progressView(process.stderr);
      const summary = await importIntoProject({ db, projectId, logger }, args.file, {
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

function parseArguments(argv: string[]): { file: string; projectId: string | null } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { project: { type: "string" }, help: { type: "boolean", short: "h" } } });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.error(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1) throw new UsageError(USAGE);
  if (values.project === undefined) return { file: positionals[0]!, projectId: null };
  // The rule of PROJECT_ID and of API keys' projects.
  const projectId = values.project.trim();
  if (projectId === "" || projectId.length > MAX_PROJECT_ID_LENGTH) {
    throw new UsageError(`--project must be 1 to ${MAX_PROJECT_ID_LENGTH} characters; got "${values.project}"`);
  }
  return { file: positionals[0]!, projectId };
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
