import type { TestApp } from "./testApp";

/**
 * Leaves what an interrupted deleteUser leaves after its first transaction: the user's tombstone, by the
 * service's own statement, with none of the user's world deleted yet.
 */
export async function leaveTombstone(t: TestApp, userId: string): Promise<void> {
  const rows = await t.app.db.write("user.tombstone", { projectId: t.projectId, userId });
  if (rows.length === 0) throw new Error(`no user "${userId}" to leave a tombstone for`);
}
