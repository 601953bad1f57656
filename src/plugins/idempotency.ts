import { type ApolloServerPlugin, type GraphQLRequestListener, type GraphQLResponse, HeaderMap } from "@apollo/server";
import { type FormattedExecutionResult, GraphQLError, OperationTypeNode, print } from "graphql";
import type { Context } from "../context";
import { fingerprintOf } from "../domain/idempotencyKey";
import { statusOf } from "../errors";
import { type IdempotentRequest, beginIdempotent } from "../services/idempotency";

/** Marks an answer replayed from an earlier attempt, as on the REST routes. */
const REPLAYED_HEADER = "idempotent-replayed";

/** What a key keeps of a GraphQL answer: the HTTP status and the whole `{ data, errors }`. */
interface KeptAnswer {
  status: number;
  result: FormattedExecutionResult;
}

/**
 * The Idempotency-Key header on POST /graphql (services/idempotency). It applies to a mutation operation,
 * all its fields together: the same document, operation name and variables sent again with the key gets
 * the first answer. Each mutation field is a step of the request, so a retry of an answer that never came
 * replays the fields that wrote, runs those that did not, and resolves the selections afresh.
 * A refused key answers with the code's HTTP status (422, 409, 400), as a request error.
 */
export function idempotencyPlugin(): ApolloServerPlugin<Context> {
  return {
    requestDidStart() {
      // willSendResponse awaits the claim itself: another plugin failing didResolveOperation ends the request
      // while the claim may still be on its way, and a claim left held would answer 409 for a minute.
      let claim: Promise<IdempotentRequest | null> = Promise.resolve(null);
      let request: IdempotentRequest | null = null;
      const listener: GraphQLRequestListener<Context> = {
        async didResolveOperation({ request: { http, operationName, variables }, operation, document, contextValue }) {
          const header = http?.headers.get("idempotency-key");
          if (header === undefined || operation?.operation !== OperationTypeNode.MUTATION) return;
          claim = beginIdempotent(contextValue, header, fingerprintOf("graphql", print(document), operationName ?? null, variables ?? {}));
          try {
            request = await claim;
          } catch (error) {
            throw withHttpStatus(error);
          }
        },
        responseForOperation() {
          if (request?.kind !== "replay") return Promise.resolve(null);
          const kept = JSON.parse(request.response) as KeptAnswer;
          const replay: GraphQLResponse = {
            http: { status: kept.status, headers: new HeaderMap([[REPLAYED_HEADER, "true"]]) },
            body: { kind: "single", singleResult: kept.result },
          };
          return Promise.resolve(replay);
        },
        executionDidStart() {
          const running = request?.kind === "run" ? request : null;
          if (running === null) return Promise.resolve();
          return Promise.resolve({
            // Mutation fields run one after another, so the field about to run owns the writes until the next.
            willResolveField({ info }) {
              if (info.path.prev === undefined) running.enter(String(info.path.key));
            },
          });
        },
        async willSendResponse({ response: { http, body } }) {
          const claimed = await claim.catch(() => null);
          if (claimed?.kind !== "run") return;
          // An answer with a server-side error (Neo4j unavailable, a masked failure) is not final: the retry runs again.
          const final =
            body.kind === "single" && (body.singleResult.errors ?? []).every((error) => statusOf(error.extensions?.code) < 500);
          await claimed.finish(final ? JSON.stringify({ status: http.status ?? 200, result: body.singleResult } satisfies KeptAnswer) : null);
        },
      };
      return Promise.resolve(listener);
    },
  };
}

/** A refusal raised before execution is a request error; its status comes from the table of codes. */
function withHttpStatus(error: unknown): unknown {
  if (!(error instanceof GraphQLError)) return error;
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, http: { status: statusOf(error.extensions.code) } },
    originalError: error,
  });
}
