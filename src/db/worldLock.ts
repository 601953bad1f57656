import type { Params, StatementRunner } from "./database";
import type { StatementName } from "./statements";

export type OwnerQuery = Extract<StatementName, "thread.owner" | "user.owner" | "fact.owner" | "user.owner-by-uuid">;

/**
 * The first step of every write to a user's world: find the owning user without locking anything, then
 * take the user's write lock before any other lock. All such writes queue on that one lock, in that one
 * order, so they never deadlock and a deletion (which takes the same lock) is never missed.
 * Returns "missing" when the owner query finds nothing, "deleting" when the user's deletion has begun.
 */
export async function lockOwningUser(
  tx: StatementRunner,
  ownerQuery: OwnerQuery,
  params: Params,
): Promise<"live" | "deleting" | "missing"> {
  const owners = await tx.run(ownerQuery, params);
  const ownerId = owners[0]?.optionalString("ownerId") ?? null;
  if (ownerId === null) return "missing";
  const locked = await tx.run("user.lock", { ownerId });
  if (!locked[0]) return "missing";
  return locked[0].flag("userLive") ? "live" : "deleting";
}
