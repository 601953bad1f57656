import type { UserOrder } from "../model";
import { addUser, allUserThreads, deleteUser, listUsersOrdered, requireUser, updateUser, userNode } from "../services/users";
import type { Handler } from "./endpoint";
import {
  type JsonObject,
  bodyOf,
  choice,
  optionalObject,
  optionalString,
  param,
  queryBool,
  queryInt,
  queryString,
  refuseUnsupported,
  requiredString,
} from "./input";
import type { Route } from "./route";
import { zepNode, zepThread, zepUser } from "./shapes";

// Zep's Users API (client.user.*) over the shared user services.

const USER_ORDERS: Readonly<Record<string, UserOrder>> = { created_at: "CREATED_AT", user_id: "USER_ID", email: "EMAIL" };

const UNSUPPORTED_USER_FIELDS = {
  time_zone: { what: "a user's time zone" },
  // usergraph has no default ontology, so asking to disable it asks for what it does anyway.
  disable_default_ontology: { what: "Zep's default ontology", harmless: true },
};

function userFields(body: JsonObject) {
  refuseUnsupported(body, UNSUPPORTED_USER_FIELDS);
  return {
    email: optionalString(body, "email"),
    firstName: optionalString(body, "first_name"),
    lastName: optionalString(body, "last_name"),
    metadata: optionalObject(body, "metadata"),
  };
}

const addUserHandler: Handler = async (req, res, ctx) => {
  const body = bodyOf(req);
  const user = await addUser(ctx, { userId: requiredString(body, "user_id"), ...userFields(body) });
  res.status(201);
  return zepUser(user);
};

const listUsersOrderedHandler: Handler = async (req, _res, ctx) => {
  const result = await listUsersOrdered(ctx, {
    pageNumber: queryInt(req, "pageNumber"),
    pageSize: queryInt(req, "pageSize"),
    search: queryString(req, "search"),
    orderBy: choice(queryString(req, "order_by"), "order_by", USER_ORDERS),
    asc: queryBool(req, "asc"),
  }, { withTotal: true });
  return { users: result.users.map(zepUser), total_count: await result.totalCount(), row_count: result.rowCount };
};

const getUserHandler: Handler = async (req, _res, ctx) => zepUser(await requireUser(ctx, param(req, "userId")));

const updateUserHandler: Handler = async (req, _res, ctx) =>
  zepUser(await updateUser(ctx, param(req, "userId"), userFields(bodyOf(req))));

const deleteUserHandler: Handler = async (req, _res, ctx) => {
  const deleted = await deleteUser(ctx, param(req, "userId"));
  return {
    message: deleted.message,
    deleted_threads: deleted.deletedThreads,
    deleted_messages: deleted.deletedMessages,
    deleted_facts: deleted.deletedFacts,
    deleted_nodes: deleted.deletedNodes,
  };
};

const userThreadsHandler: Handler = async (req, _res, ctx) => (await allUserThreads(ctx, param(req, "userId"))).map(zepThread);

const userNodeHandler: Handler = async (req, _res, ctx) => {
  const node = await userNode(ctx, param(req, "userId"));
  return node === null ? {} : { node: zepNode(node) };
};

// Zep warms a cache before a user's first search; usergraph reads Neo4j directly and keeps none, so a
// warm is only the check that the user exists.
const warmUserHandler: Handler = async (req, _res, ctx) => {
  const user = await requireUser(ctx, param(req, "userId"));
  return { message: `user "${user.userId}" is ready (usergraph has no cache to warm)` };
};

export const USER_ROUTES: readonly Route[] = [
  { method: "POST", path: "/users", handler: addUserHandler },
  // users-ordered names its paging parameters in camelCase, as Zep does.
  {
    method: "GET",
    path: "/users-ordered",
    handler: listUsersOrderedHandler,
    names: { pageNumber: "pageNumber", pageSize: "pageSize" },
  },
  { method: "GET", path: "/users/:userId", handler: getUserHandler },
  { method: "PATCH", path: "/users/:userId", handler: updateUserHandler },
  { method: "DELETE", path: "/users/:userId", handler: deleteUserHandler },
  { method: "GET", path: "/users/:userId/threads", handler: userThreadsHandler },
  { method: "GET", path: "/users/:userId/node", handler: userNodeHandler },
  { method: "GET", path: "/users/:userId/warm", handler: warmUserHandler },
];
