import type { ApiKeyRecord, ApiKeyStore } from "../db/apiKeys";
import { MAX_PROJECT_ID_LENGTH } from "../config";
import { newApiKey } from "./apiKeyFormat";

const MAX_NAME_LENGTH = 200;

/** Makes a new key for a project; the key itself is returned once and only its hash is stored. */
export async function issueApiKey(store: ApiKeyStore, projectId: string, name: string | null): Promise<{ key: string; record: ApiKeyRecord }> {
  const project = projectId.trim();
  if (project === "" || project.length > MAX_PROJECT_ID_LENGTH) {
    throw new Error(`a projectId is 1 to ${MAX_PROJECT_ID_LENGTH} characters; got "${projectId}"`);
  }
  if (name !== null && name.length > MAX_NAME_LENGTH) throw new Error(`a key's name is at most ${MAX_NAME_LENGTH} characters`);
  const { keyId, key, hash } = newApiKey();
  const record = await store.create({ keyId, projectId: project, name, hash });
  return { key, record };
}
