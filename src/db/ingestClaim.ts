/**
 * One claimed episode: the worker holds it until `leaseUntil` (renewed while it works) under `token`. Every
 * write about it names the token, so a worker whose lease expired and whose episode was claimed again
 * writes nothing.
 */
export interface Claim {
  episodeUuid: string;
  projectId: string;
  /** The user's uuid: the world the episode belongs to. */
  groupId: string;
  token: string;
  /** Claims of this episode so far, this one included. */
  attempts: number;
  queuedAt: Date;
}

/** The parameters every statement about a claimed episode takes. */
export function claimParams(claim: Claim): { projectId: string; groupId: string; episodeUuid: string; token: string } {
  return { projectId: claim.projectId, groupId: claim.groupId, episodeUuid: claim.episodeUuid, token: claim.token };
}
