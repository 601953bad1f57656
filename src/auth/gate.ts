import { rateLimited, unauthenticated } from "../errors";
import type { TokenBuckets } from "../limits/tokenBuckets";
import { API_KEY_PREFIX } from "./apiKeyFormat";
import type { ApiKeyVerifier } from "./apiKeys";
import { type Credential, PROJECT_CALLER } from "./caller";
import type { JwtVerifier } from "./jwt";

/** What a request presents, whichever door it came in by. */
export interface Presented {
  authorization: string | undefined;
  /** The client's address: the rate limit's key for requests without credentials. */
  address: string;
}

/** Establishes who a request acts as, and takes it from their rate; throws UNAUTHENTICATED or RATE_LIMITED. */
export type Gate = (presented: Presented) => Promise<Credential>;

export interface GateDependencies {
  apiKeys: ApiKeyVerifier;
  /** null: no end-user tokens are accepted. */
  jwt: JwtVerifier | null;
  /** The project requests without credentials act on; null refuses them (production). */
  anonymousProjectId: string | null;
  buckets: TokenBuckets;
}

/**
 * The one door keeper of /graphql and /api/v2. `Authorization: Api-Key <key>` (what Zep's SDKs send) and
 * `Bearer <key>` act as the key's project; `Bearer <JWT>` acts as one end user of the token's project.
 */
export function createGate(deps: GateDependencies): Gate {
  const take = (rateKey: string): void => {
    const taken = deps.buckets.take(rateKey);
    if (!taken.taken) throw rateLimited(taken.retryAfterSeconds);
  };
  return async (presented) => {
    const credential = await authenticate(deps, presented);
    if (credential === null) {
      // Failed attempts spend the client address's tokens, so guessing credentials is as slow as the limit.
      take(`address:${presented.address}`);
      throw presented.authorization === undefined
        ? unauthenticated("credentials required: send Authorization: Api-Key <key> or Bearer <token>")
        : unauthenticated();
    }
    take(credential.rateKey);
    return credential;
  };
}

async function authenticate(deps: GateDependencies, { authorization, address }: Presented): Promise<Credential | null> {
  if (authorization === undefined) {
    if (deps.anonymousProjectId === null) return null;
    return { projectId: deps.anonymousProjectId, caller: PROJECT_CALLER, rateKey: `address:${address}` };
  }
  const match = /^\s*([A-Za-z-]+)\s+(\S+)\s*$/.exec(authorization);
  const scheme = match?.[1]?.toLowerCase();
  const token = match?.[2] ?? "";
  if (scheme === "api-key" || (scheme === "bearer" && token.startsWith(API_KEY_PREFIX))) {
    const key = await deps.apiKeys.verify(token);
    return key === null ? null : { projectId: key.projectId, caller: PROJECT_CALLER, rateKey: `key:${key.keyId}` };
  }
  if (scheme === "bearer" && deps.jwt !== null) {
    const user = await deps.jwt(token);
    if (user === null) return null;
    return {
      projectId: user.projectId,
      caller: { kind: "user", userId: user.userId },
      rateKey: `user:${JSON.stringify([user.projectId, user.userId])}`,
    };
  }
  return null;
}
