import { Zep, ZepClient } from "@getzep/zep-cloud";
import { uniqueId } from "../support/testApp";
import { failure, useZepApp } from "../support/zep";

// Zep's Users API over /api/v2, driven by the official TypeScript SDK: what Zep code calls, unchanged.

describe("REST users, through the Zep SDK", () => {
  const app = useZepApp();


  async function storedUser(userId: string) {
    const [row] = await app.t.cypher(`MATCH (u:User {projectId: $p, userId: $id}) RETURN u {.*} AS user`, { p: app.t.projectId, id: userId });
    return row?.user ?? null;
  }

  it("user.add answers 201 with the user in Zep's shape, and stores it", async () => {
    const userId = uniqueId("add");
    const { data: user, rawResponse } = await app.zep.user
      .add({ userId, email: `${userId}@example.com`, firstName: "Jane", lastName: "Roe", metadata: { plan: "pro" } })
      .withRawResponse();
    expect(rawResponse.status).toBe(201);
    expect(user).toMatchObject({ userId, email: `${userId}@example.com`, firstName: "Jane", lastName: "Roe", metadata: { plan: "pro" } });
    expect(user.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(user.updatedAt).toBe(user.createdAt);
    expect(await storedUser(userId)).toMatchObject({ uuid: user.uuid, email: `${userId}@example.com`, firstName: "Jane" });
  });

  it("user.add of a taken user_id raises BadRequestError with Zep's message, the id as it was given", async () => {
    const userId = uniqueId("dupOfJaneDoe");
    await app.zep.user.add({ userId });
    const error = await failure(app.zep.user.add({ userId, firstName: "Again" }));
    expect(error).toBeInstanceOf(Zep.BadRequestError);
    expect(error.statusCode).toBe(400);
    expect(error.body).toEqual({ message: `user already exists with user_id: ${userId}` });
  });

  it("user.add applies the same validation as addUser, in REST names", async () => {
    const blank = await failure(app.zep.user.add({ userId: "  " }));
    expect(blank).toBeInstanceOf(Zep.BadRequestError);
    expect(blank.body).toEqual({ message: "user_id must not be blank" });

    const userId = uniqueId("bad-email");
    const rest = await failure(app.zep.user.add({ userId, email: "not-an-address" }));
    const graphql = await app.t.execute(`mutation($id: ID!) { addUser(input: { userId: $id, email: "not-an-address" }) { userId } }`, { id: userId });
    expect(rest.body).toEqual({ message: graphql.errors?.[0]?.message });
    expect(rest.body).toEqual({ message: 'email "not-an-address" is not a valid email address' });

    const long = await failure(app.zep.user.add({ userId, firstName: "x".repeat(201) }));
    expect(long.body).toEqual({ message: "first_name is 201 characters long; the limit is 200" });
    expect(await storedUser(userId)).toBeNull();
  });

  it("user.add refuses what usergraph does not keep (time_zone), and stores nothing", async () => {
    const userId = uniqueId("tz");
    const error = await failure(app.zep.user.add({ userId, timeZone: "Europe/Paris" }));
    expect(error).toBeInstanceOf(Zep.BadRequestError);
    expect((error.body as { message: string }).message).toBe("time_zone (a user's time zone) is not supported by usergraph");
    expect(await storedUser(userId)).toBeNull();
    // Disabling a default ontology usergraph does not have asks for nothing it lacks.
    await expect(app.zep.user.add({ userId, disableDefaultOntology: true })).resolves.toMatchObject({ userId });
  });

  it("user.get reads the user; an unknown one raises NotFoundError", async () => {
    const userId = uniqueId("get");
    const added = await app.zep.user.add({ userId, firstName: "Gus" });
    expect(await app.zep.user.get(userId)).toEqual(added);
    const error = await failure(app.zep.user.get(`${userId}-noSuchUser`));
    expect(error).toBeInstanceOf(Zep.NotFoundError);
    expect(error.statusCode).toBe(404);
    expect(error.body).toEqual({ message: `no user with user_id "${userId}-noSuchUser"` });
  });

  it("user ids travel encoded in the path and come back as they were", async () => {
    const userId = `${uniqueId("odd")}/with space?&#`;
    await app.zep.user.add({ userId });
    expect((await app.zep.user.get(userId)).userId).toBe(userId);
  });

  it("user.update changes the fields it is given, deep-merges metadata, and the user node follows", async () => {
    const userId = uniqueId("upd");
    await app.zep.user.add({ userId, firstName: "Ann", lastName: "Lee", metadata: { prefs: { theme: "dark" }, plan: "free" } });
    const updated = await app.zep.user.update(userId, { lastName: "Kay", metadata: { prefs: { lang: "en" } } });
    expect(updated).toMatchObject({ userId, firstName: "Ann", lastName: "Kay", metadata: { plan: "free", prefs: { theme: "dark", lang: "en" } } });
    expect((await app.zep.user.getNode(userId)).node?.name).toBe("Ann Kay");
    expect(await storedUser(userId)).toMatchObject({ lastName: "Kay" });

    const missing = await failure(app.zep.user.update(`${userId}-nope`, { firstName: "X" }));
    expect(missing).toBeInstanceOf(Zep.NotFoundError);
    const invalid = await failure(app.zep.user.update(userId, { email: "nope" }));
    expect(invalid).toBeInstanceOf(Zep.BadRequestError);
  });

  it("user.listOrdered pages, searches and orders as usersOrdered does", async () => {
    const tag = uniqueId("lst");
    for (const suffix of ["c", "a", "b"]) await app.zep.user.add({ userId: `${tag}-${suffix}`, email: `${suffix}-${tag}@example.com` });
    const page = await app.zep.user.listOrdered({ search: tag, orderBy: "user_id", asc: true, pageNumber: 1, pageSize: 2 });
    expect(page.users?.map((user) => user.userId)).toEqual([`${tag}-a`, `${tag}-b`]);
    expect(page).toMatchObject({ totalCount: 3, rowCount: 2 });
    const second = await app.zep.user.listOrdered({ search: tag, orderBy: "email", asc: false, pageNumber: 2, pageSize: 2 });
    expect(second.users?.map((user) => user.userId)).toEqual([`${tag}-a`]);
    expect(second).toMatchObject({ totalCount: 3, rowCount: 1 });

    const order = await failure(app.zep.user.listOrdered({ orderBy: "shoe_size" }));
    expect(order).toBeInstanceOf(Zep.BadRequestError);
    expect(order.body).toEqual({ message: 'order_by must be one of created_at, user_id, email; got "shoe_size"' });
    const size = await failure(app.zep.user.listOrdered({ pageSize: 0 }));
    expect(size.body).toEqual({ message: "pageSize must be between 1 and 1000; got 0" });
  });

  it("user.getThreads lists every thread of the user, newest first", async () => {
    const userId = uniqueId("thr");
    await app.zep.user.add({ userId });
    expect(await app.zep.user.getThreads(userId)).toEqual([]);
    const first = await app.zep.thread.create({ threadId: uniqueId("t1"), userId });
    await new Promise((resolve) => setTimeout(resolve, 3));
    const second = await app.zep.thread.create({ threadId: uniqueId("t2"), userId });
    const threads = await app.zep.user.getThreads(userId);
    expect(threads.map((thread) => thread.threadId)).toEqual([second.threadId, first.threadId]);
    expect(threads[0]).toMatchObject({ userId, uuid: second.uuid, createdAt: second.createdAt });

    const error = await failure(app.zep.user.getThreads(`${userId}-nope`));
    expect(error.statusCode).toBe(404);
  });

  it("user.getThreads reads past the connection's page size", async () => {
    const userId = uniqueId("many");
    await app.zep.user.add({ userId });
    const ids = Array.from({ length: 105 }, (_, i) => `${userId}-t${String(i).padStart(3, "0")}`);
    for (const threadId of ids) await app.zep.thread.create({ threadId, userId });
    const threads = await app.zep.user.getThreads(userId);
    expect(threads).toHaveLength(105);
    expect(new Set(threads.map((thread) => thread.threadId))).toEqual(new Set(ids));
  });

  it("user.getNode returns the user's graph node with its summary", async () => {
    const userId = uniqueId("node");
    const user = await app.zep.user.add({ userId, email: `${userId}@example.com`, firstName: "Nia", lastName: "Obi" });
    const { node } = await app.zep.user.getNode(userId);
    expect(node).toMatchObject({ name: "Nia Obi", labels: ["Entity", "User"], attributes: { userId, email: `${userId}@example.com` } });
    expect(node?.summary).toContain(`${userId}@example.com`);
    const [row] = await app.t.cypher(`MATCH (:User {uuid: $u})-[:HAS_NODE]->(n) RETURN n.uuid AS uuid`, { u: user.uuid });
    expect(node?.uuid).toBe(row?.uuid);
    expect(await failure(app.zep.user.getNode(`${userId}-nope`))).toBeInstanceOf(Zep.NotFoundError);
  });

  it("user.warm succeeds for a user and raises NotFoundError for an unknown one", async () => {
    const userId = uniqueId("warm");
    await app.zep.user.add({ userId });
    expect((await app.zep.user.warm(userId)).message).toContain(userId);
    expect(await failure(app.zep.user.warm(`${userId}-nope`))).toBeInstanceOf(Zep.NotFoundError);
  });

  it("user.delete forgets the user; a second delete raises NotFoundError", async () => {
    const userId = uniqueId("del");
    await app.zep.user.add({ userId });
    await app.zep.thread.create({ threadId: uniqueId("dt"), userId });
    const deleted = await app.zep.user.delete(userId);
    expect(deleted.message).toBe(`user "${userId}" and everything held about them were deleted`);
    expect(await storedUser(userId)).toBeNull();
    expect(await failure(app.zep.user.get(userId))).toBeInstanceOf(Zep.NotFoundError);
    expect(await failure(app.zep.user.delete(userId))).toBeInstanceOf(Zep.NotFoundError);
  });

  it("reads each request afresh: a change made between two requests is seen by the second", async () => {
    const userId = uniqueId("fresh");
    await app.zep.user.add({ userId, firstName: "Old" });
    expect((await app.zep.user.get(userId)).firstName).toBe("Old");
    await app.t.execute(`mutation($id: ID!) { updateUser(userId: $id, input: { firstName: "New" }) { userId } }`, { id: userId });
    expect((await app.zep.user.get(userId)).firstName).toBe("New");
  });

  it("accepts the project's API key, or none outside production, and refuses any other key with 401", async () => {
    const userId = uniqueId("auth");
    await app.zep.user.add({ userId });
    const response = await fetch(`${app.base}/users/${encodeURIComponent(userId)}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ user_id: userId });
    const refused = await failure(new ZepClient({ apiKey: "some-other-key", baseUrl: app.base }).user.get(userId));
    expect(refused.statusCode).toBe(401);
    expect(refused.body).toEqual({ message: "invalid credentials" });
  });
});
