import { Router } from "express";
import type { Role, ThreadOrder } from "../model";
import {
  addMessages,
  createThread,
  deleteThread,
  listThreadsOrdered,
  threadContext,
  threadMessages,
} from "../services/threads";
import type { Endpoint } from "./endpoint";
import {
  bodyOf,
  choice,
  notSupported,
  optionalBoolean,
  optionalDate,
  optionalObject,
  optionalString,
  param,
  queryBool,
  queryInt,
  queryString,
  refuseUnsupported,
  requiredArray,
  requiredObject,
  requiredString,
} from "./input";
import { zepMessage, zepThread } from "./shapes";

// Zep's Threads API (client.thread.*) over the shared thread services.

const THREAD_ORDERS: Readonly<Record<string, ThreadOrder>> = {
  created_at: "CREATED_AT",
  updated_at: "UPDATED_AT",
  user_id: "USER_ID",
  thread_id: "THREAD_ID",
};

const ROLES: Readonly<Record<string, Role>> = {
  norole: "NOROLE",
  system: "SYSTEM",
  assistant: "ASSISTANT",
  user: "USER",
  function: "FUNCTION",
  tool: "TOOL",
};


function messagesOf(raw: unknown[]) {
  return raw.map((item, index) => {
    const field = `messages[${index}]`;
    const message = requiredObject(item, field);
    // uuid and processed are Zep's output fields, which its Message type also offers on input; the
    // service assigns the uuid, and every message is processed when the call returns.
    return {
      role: choice(requiredString(message, "role", `${field}.role`), `${field}.role`, ROLES) as Role,
      name: optionalString(message, "name", `${field}.name`),
      content: requiredString(message, "content", `${field}.content`),
      metadata: optionalObject(message, "metadata", `${field}.metadata`),
      createdAt: optionalDate(message, "created_at", `${field}.created_at`),
    };
  });
}

export function threadRoutes(endpoint: Endpoint): Router {
  const router = Router();

  router.post(
    "/threads",
    endpoint(async (req, res, ctx) => {
      const body = bodyOf(req);
      const thread = await createThread(ctx, {
        threadId: requiredString(body, "thread_id"),
        userId: requiredString(body, "user_id"),
        metadata: optionalObject(body, "metadata"),
      });
      res.status(201);
      return zepThread(thread);
    }),
  );

  router.get(
    "/threads",
    endpoint(async (req, _res, ctx) => {
      const result = await listThreadsOrdered(ctx, {
        pageNumber: queryInt(req, "page_number"),
        pageSize: queryInt(req, "page_size"),
        orderBy: choice(queryString(req, "order_by"), "order_by", THREAD_ORDERS),
        asc: queryBool(req, "asc"),
      });
      return { threads: result.threads.map(zepThread), total_count: result.totalCount, response_count: result.responseCount };
    }),
  );

  router.delete(
    "/threads/:threadId",
    endpoint(async (req, _res, ctx) => {
      const deleted = await deleteThread(ctx, param(req, "threadId"));
      return { message: deleted.message, deleted_messages: deleted.deletedMessages };
    }),
  );

  router.get(
    "/threads/:threadId/messages",
    endpoint(
      async (req, _res, ctx) => {
        const { thread, messages, totalCount } = await threadMessages(ctx, param(req, "threadId"), {
          limit: queryInt(req, "limit"),
          cursor: queryInt(req, "cursor"),
          lastn: queryInt(req, "lastn"),
        });
        return {
          messages: messages.map(zepMessage),
          row_count: messages.length,
          total_count: totalCount,
          thread_created_at: thread.createdAt.toISOString(),
          user_id: thread.userId,
          user_uuid: thread.userUuid,
        };
      },
      { first: "limit", last: "lastn" },
    ),
  );

  router.post(
    "/threads/:threadId/messages",
    endpoint(async (req, _res, ctx) => {
      const body = bodyOf(req);
      refuseUnsupported(body, {
        ignore_roles: { what: "keeping some roles' messages out of the graph", harmless: [] },
        strict_ontology: { what: "ontologies", harmless: false },
      });
      const returnContext = optionalBoolean(body, "return_context") ?? false;
      const result = await addMessages(ctx, param(req, "threadId"), messagesOf(requiredArray(body, "messages")));
      return {
        message_uuids: result.messageUuids,
        ...(returnContext ? { context: await threadContext(ctx, result.thread.threadId) } : {}),
      };
    }),
  );

  router.get(
    "/threads/:threadId/context",
    endpoint(async (req, _res, ctx) => {
      if (queryString(req, "template_id") !== undefined) throw notSupported("template_id (context templates)", "template_id");
      return { context: await threadContext(ctx, param(req, "threadId")) };
    }),
  );

  return router;
}
