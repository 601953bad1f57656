import { boundedInt } from "../domain/bounds";
import { DEFAULT_LIST_SIZE } from "../domain/pagination";
import type { Loaders } from "../loaders";
import { renderContextBlock } from "../domain/graph/contextBlock";
import { fullTextQuery } from "../domain/graph/searchQuery";

export const MAX_CONTEXT_FACTS = 50;

/**
 * Zep's get_user_context for one thread: the user summary, the facts most relevant to the thread's last
 * two messages by full-text score (else the newest facts), and the entities they involve. Through the
 * loaders, a list of threads costs the same two statements as one.
 */
export async function userContext(loaders: Loaders, threadUuid: string, requested: number | null | undefined): Promise<string> {
  const limit = boundedInt(requested ?? DEFAULT_LIST_SIZE, "limit", 1, MAX_CONTEXT_FACTS);
  const inputs = await loaders.contextInputsByThread.load(threadUuid);
  if (inputs === null) return renderContextBlock("", []);
  const query = fullTextQuery(inputs.recent.join(" "), inputs.groupId, ["fact", "name"]);
  const { relevant, newest } = await loaders.contextFacts.load({ groupId: inputs.groupId, query, limit });
  return renderContextBlock(inputs.userSummary, relevant.length > 0 ? relevant : newest);
}
