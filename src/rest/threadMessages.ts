import type { Role } from "../model";
import { ROLES_BY_ZEP_NAME } from "../domain/threadInput";
import { addMessages, threadContext, threadMessages } from "../services/threads";
import type { Handler } from "./endpoint";
import {
  bodyOf,
  choice,
  notSupported,
  optionalBoolean,
  optionalDate,
  optionalObject,
  optionalString,
  param,
  queryInt,
  queryString,
  refuseUnsupported,
  requiredArray,
  requiredObject,
  requiredString,
} from "./input";
import type { Route } from "./route";
import { zepMessage } from "./shapes";

// Zep's Threads API (client.thread.*) over the shared thread services: a thread's messages and the
// context they build up.

function messagesOf(raw: unknown[]) {
  return raw.map((item, index) => {
    const field = `messages[${index}]`;
    const message = requiredObject(item, field);
    // uuid and processed are Zep's output fields, which its Message type also offers on input; the
    // service assigns the uuid, and every message is processed when the call returns.
    return {
      role: choice(requiredString(message, "role", `${field}.role`), `${field}.role`, ROLES_BY_ZEP_NAME) as Role,
      name: optionalString(message, "name", `${field}.name`),
      content: requiredString(message, "content", `${field}.content`),
      metadata: optionalObject(message, "metadata", `${field}.metadata`),
      createdAt: optionalDate(message, "created_at", `${field}.created_at`),
    };
  });
}

const threadMessagesHandler: Handler = async (req, _res, ctx) => {
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
};

const addMessagesHandler: Handler = async (req, _res, ctx) => {
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
};

const threadContextHandler: Handler = async (req, _res, ctx) => {
  if (queryString(req, "template_id") !== undefined) throw notSupported("template_id (context templates)", "template_id");
  return { context: await threadContext(ctx, param(req, "threadId")) };
};

export const THREAD_MESSAGE_ROUTES: readonly Route[] = [
  { method: "GET", path: "/threads/:threadId/messages", handler: threadMessagesHandler, names: { first: "limit", last: "lastn" } },
  { method: "POST", path: "/threads/:threadId/messages", handler: addMessagesHandler },
  { method: "GET", path: "/threads/:threadId/context", handler: threadContextHandler },
];
