import type { ThreadOrder } from "../model";
import { createThread, deleteThread, listThreadsOrdered } from "../services/threads";
import type { Handler } from "./endpoint";
import { bodyOf, choice, optionalObject, param, queryBool, queryInt, queryString, requiredString } from "./input";
import type { Route } from "./route";
import { zepThread } from "./shapes";

// Zep's Threads API (client.thread.*) over the shared thread services: the threads themselves. Their
// messages and context are in threadMessages.ts.

const THREAD_ORDERS: Readonly<Record<string, ThreadOrder>> = {
  created_at: "CREATED_AT",
  updated_at: "UPDATED_AT",
  user_id: "USER_ID",
  thread_id: "THREAD_ID",
};

const createThreadHandler: Handler = async (req, res, ctx) => {
  const body = bodyOf(req);
  const thread = await createThread(ctx, {
    threadId: requiredString(body, "thread_id"),
    userId: requiredString(body, "user_id"),
    metadata: optionalObject(body, "metadata"),
  });
  res.status(201);
  return zepThread(thread);
};

const listThreadsHandler: Handler = async (req, _res, ctx) => {
  const result = await listThreadsOrdered(ctx, {
    pageNumber: queryInt(req, "page_number"),
    pageSize: queryInt(req, "page_size"),
    orderBy: choice(queryString(req, "order_by"), "order_by", THREAD_ORDERS),
    asc: queryBool(req, "asc"),
  }, { withTotal: true });
  return { threads: result.threads.map(zepThread), total_count: await result.totalCount(), response_count: result.responseCount };
};

const deleteThreadHandler: Handler = async (req, _res, ctx) => {
  const deleted = await deleteThread(ctx, param(req, "threadId"));
  return { message: deleted.message, deleted_messages: deleted.deletedMessages };
};

export const THREAD_ROUTES: readonly Route[] = [
  { method: "POST", path: "/threads", handler: createThreadHandler },
  { method: "GET", path: "/threads", handler: listThreadsHandler },
  { method: "DELETE", path: "/threads/:threadId", handler: deleteThreadHandler },
];
