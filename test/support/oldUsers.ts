import type { TestApp } from "./testApp";

/**
 * Stores users straight into Neo4j the way versions before the list indexes did: no searchText, no
 * emailKey, no counter. Every third shares its millisecond with the next two, every fifth has no email and
 * every seventh no last name, so orders, ties and nulls all have something to do.
 */
export async function storeOldUsers(t: TestApp, projectId: string, count: number, prefix = "old"): Promise<void> {
  await t.cypher(
    `UNWIND range(0, toInteger($count) - 1) AS i
     CREATE (u:User {
       projectId: $projectId,
       userId: $prefix + '-' + toString(i),
       uuid: randomUUID(),
       email: CASE WHEN i % 5 = 0 THEN null ELSE 'Mail' + toString(i) + '@Example.com' END,
       firstName: 'First' + toString(i % 13),
       lastName: CASE WHEN i % 7 = 0 THEN null ELSE 'Last' + toString(i) END,
       createdAt: datetime({epochMillis: 1700000000000 + i / 3}),
       updatedAt: datetime({epochMillis: 1700000000000 + i / 3})
     })
     SET u.groupId = u.uuid`,
    { projectId, count, prefix },
  );
}
