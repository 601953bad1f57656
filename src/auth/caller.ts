/**
 * Who acts within a project: the project itself (an API key; an anonymous request outside production),
 * with access to all of it, or one end user (a token from the application's identity provider), who sees
 * and changes only their own world. src/auth/access.ts holds what a user caller may do.
 */
export type Caller = { kind: "project" } | { kind: "user"; userId: string };

export const PROJECT_CALLER: Caller = { kind: "project" };

/** What a request's credentials establish. */
export interface Credential {
  /** The project every statement of the request is scoped to. */
  projectId: string;
  caller: Caller;
  /** The rate limit's bucket: one per API key, per end user, and per client address for anonymous requests. */
  rateKey: string;
}
