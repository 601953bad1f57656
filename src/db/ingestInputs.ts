import type { EpisodeKind, ExtractionInput, KnownFact } from "../domain/extraction";
import type { StatementRunner } from "./database";
import { type Claim, claimParams } from "./ingestClaim";
import type { Row } from "./row";
import { toFactRecord } from "./toRecords";

/** Bounds of what an extractor is shown, so that a large graph costs no more per episode than a small one. */
export const INPUT_LIMITS = { previousLimit: 4, candidateLimit: 20, factsPerNode: 100, factLimit: 300 } as const;

const EPISODE_KINDS: readonly EpisodeKind[] = ["MESSAGE", "TEXT", "JSON"];

/** The extractor's input, inside the claim's transaction; null when the user is gone or the claim was lost. */
export async function readExtractionInput(tx: StatementRunner, claim: Claim): Promise<ExtractionInput | null> {
  const rows = await tx.run("ingest.inputs", { ...claimParams(claim), ...INPUT_LIMITS });
  const row = rows[0];
  return row ? toExtractionInput(row) : null;
}

function toExtractionInput(row: Row): ExtractionInput {
  const user = row.row("user");
  const node = row.row("node");
  const episode = row.row("episode");
  const kind = EPISODE_KINDS.find((candidate) => candidate === episode.string("source"));
  if (kind === undefined) throw new Error(`episode ${episode.string("uuid")} of source ${episode.string("source")} is not ingested`);
  const role = row.optionalString("role");
  return {
    subject: {
      userId: user.string("userId"),
      userUuid: user.string("uuid"),
      nodeUuid: node.string("uuid"),
      name: node.string("name"),
      email: user.optionalString("email"),
      firstName: user.optionalString("firstName"),
      lastName: user.optionalString("lastName"),
    },
    episode: {
      uuid: episode.string("uuid"),
      kind,
      content: episode.string("content"),
      roleType: role?.toLowerCase() ?? null,
      speaker: row.optionalString("speaker"),
      createdAt: episode.date("createdAt"),
    },
    previousEpisodes: row
      .rows("previous")
      .map((previous) => ({
        content: previous.string("content"),
        roleType: previous.optionalString("role")?.toLowerCase() ?? null,
        createdAt: previous.date("createdAt"),
      }))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
    candidates: row.rows("candidates").map((candidate) => ({
      uuid: candidate.string("uuid"),
      name: candidate.string("name"),
      labels: candidate.optionalStrings("labels") ?? ["Entity"],
      summary: candidate.optionalString("summary") ?? "",
    })),
    facts: row.rows("facts").map(toKnownFact),
  };
}

/** A fact as the extractor sees it: the record's fields that say what holds, between which nodes, when. */
function toKnownFact(row: Row): KnownFact {
  const { uuid, name, fact, sourceNodeUuid, targetNodeUuid, validAt, invalidAt } = toFactRecord(row);
  return { uuid, name, fact, sourceNodeUuid, targetNodeUuid, validAt, invalidAt };
}
