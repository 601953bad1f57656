import type { Logger } from "pino";
import type { Database } from "../db/database";
import { ImportStore } from "../db/imports";
import { factListSummarizer } from "../domain/graph/summarizer";
import { prepareProject } from "../startup";
import { type ImportOptions, type ImportSummary, importFile } from "./importFile";

/**
 * What `npm run import` does once connected, for any project: the schema and the project made ready as
 * `npm start` makes them (constraints, counters started from the data already stored, list keys backfilled),
 * then the file. The counters must start before the import adds to them: a project's user counter is
 * started from its stored users only while it has no stripe.
 */
export async function importIntoProject(
  { db, projectId, logger }: { db: Database; projectId: string; logger: Logger },
  file: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  // A fresh database gets its constraints first: they are what keeps a userId unique.
  await db.applySchema();
  await prepareProject(db, projectId, logger);
  return importFile({ imports: new ImportStore(db, projectId), summarizer: factListSummarizer }, file, options);
}
