import { readFileSync } from "node:fs";
import path from "node:path";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { type GraphQLSchema, parse } from "graphql";

/**
 * The demo billing subgraph: deterministic invoices, one per userId it is given, each referencing the
 * usergraph User of that userId. It holds no data of its own, so tests can point its invoices at the
 * users they made, and `docker compose` at the users of the README's walkthrough.
 */

export const billingSchemaFile = path.join(__dirname, "schema.graphql");

export interface Invoice {
  id: string;
  amount: number;
  currency: string;
  userId: string;
}

export interface BillingOptions {
  /** The userIds to invoice, read on every request: a test can change them between queries. */
  userIds: () => readonly string[];
}

/** One invoice per userId, in order: the same userIds always give the same invoices. */
export function demoInvoices(userIds: readonly string[]): Invoice[] {
  return userIds.map((userId, index) => ({
    id: `inv-${String(index + 1).padStart(4, "0")}`,
    amount: 1_000 + ((index * 37) % 50) * 100,
    currency: "EUR",
    userId,
  }));
}

export function buildBillingSchema(options: BillingOptions): GraphQLSchema {
  const typeDefs = parse(readFileSync(billingSchemaFile, "utf8"));
  return buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Query: {
        invoices: () => demoInvoices(options.userIds()),
        invoice: (_parent: unknown, { id }: { id: string }) =>
          demoInvoices(options.userIds()).find((invoice) => invoice.id === id) ?? null,
      },
      Invoice: {
        // A reference the gateway completes from usergraph: only the key travels.
        user: (invoice: Invoice) => ({ __typename: "User", userId: invoice.userId }),
      },
    },
  });
}

export interface RunningBilling {
  /** The GraphQL endpoint, `http://host:port/graphql`. */
  url: string;
  stop(): Promise<void>;
}

/** Serves the billing subgraph over HTTP on `port` (0: a free one) at /graphql. */
export async function startBillingServer(
  options: BillingOptions & { port: number; host?: string },
): Promise<RunningBilling> {
  // No inline traces: they are for Apollo's usage reporting, which the demo does not use.
  const server = new ApolloServer({ schema: buildBillingSchema(options), plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, {
    listen: { port: options.port, ...(options.host ? { host: options.host } : {}) },
  });
  return { url: new URL("/graphql", url).toString(), stop: () => server.stop() };
}
