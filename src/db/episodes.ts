import { randomUUID } from "node:crypto";
import { paddedWords } from "../domain/graph/text";
import type { EpisodeRecord, EpisodeSourceName } from "../model";
import type { StatementRunner } from "./database";
import { toEpisodeRecord } from "./toRecords";

export interface NewEpisode {
  content: string;
  source: EpisodeSourceName;
  sourceDescription: string | null;
  threadId: string | null;
  messageUuid: string | null;
  createdAt: Date | null;
}

export type RecordedEpisode = EpisodeRecord & { mentioned: string[] };

export interface RecordedEpisodes {
  userLive: boolean;
  episodes: RecordedEpisode[];
}

/**
 * Records episodes in a user's graph, inside the caller's transaction, linked to the nodes they name.
 * The words of each episode are computed here, once, so that Cypher can test word boundaries with CONTAINS.
 * Returns null for an unknown user.
 */
export async function recordEpisodes(
  tx: StatementRunner,
  projectId: string,
  groupId: string,
  episodes: readonly NewEpisode[],
): Promise<RecordedEpisodes | null> {
  const rows = await tx.run("episode.add-batch", {
    projectId,
    groupId,
    episodes: episodes.map((episode) => ({
      uuid: randomUUID(),
      content: episode.content,
      padded: paddedWords(episode.content),
      source: episode.source,
      sourceDescription: episode.sourceDescription,
      threadId: episode.threadId,
      messageUuid: episode.messageUuid,
      createdAt: episode.createdAt?.toISOString() ?? null,
    })),
  });
  const row = rows[0];
  if (!row) return null;
  return {
    userLive: row.flag("userLive"),
    episodes: row.rows("episodes").map((episode) => ({ ...toEpisodeRecord(episode), mentioned: episode.strings("mentioned") })),
  };
}
