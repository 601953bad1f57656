import { readFileSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type GatewayRuntime, createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import { type DocumentNode, Kind, parse, visit } from "graphql";
import { packageRoot } from "../src/paths";

/**
 * `npm run gateway`: serves the composed supergraph (`npm run supergraph` writes it; the npm script runs
 * that first) over HTTP with Hive Gateway's MIT-licensed runtime, at /graphql.
 *
 *   GATEWAY_PORT       port (default 4100)
 *   SUPERGRAPH         the supergraph SDL file (default supergraph.graphql at the package root)
 *   <NAME>_URL         a subgraph's URL, replacing the one composed in: USERGRAPH_URL, BILLING_URL
 *   GATEWAY_MAX_COST   refuse operations whose estimated cost (from @cost and @listSize) is higher
 *
 * The gateway reports each operation's estimated cost in `extensions.cost`, computed per subgraph fetch
 * from the subgraphs' @cost and @listSize. It passes the client's Authorization header on to the subgraphs,
 * so usergraph acts on the caller's project, or for the caller's end user, as if called directly.
 */

export interface GatewayOptions {
  /** The supergraph SDL, as `npm run supergraph` writes it. */
  supergraphSdl: string;
  /** Subgraph URLs by subgraph name, replacing those the supergraph was composed with. */
  subgraphUrls?: Readonly<Record<string, string>>;
  /** Refuse operations estimated dearer than this (COST_ESTIMATED_TOO_EXPENSIVE); no limit when unset. */
  maxCost?: number;
  /** Hive's logging option: false silences the gateway (tests). */
  logging?: boolean;
}

export interface RunningGateway {
  /** The GraphQL endpoint, `http://host:port/graphql`. */
  url: string;
  gateway: GatewayRuntime;
  close(): Promise<void>;
}

/** The subgraph name -> URL pairs of a supergraph's `join__Graph` enum. */
export function subgraphUrlsOf(supergraph: DocumentNode): Record<string, string> {
  const urls: Record<string, string> = {};
  visit(supergraph, {
    Directive(node) {
      if (node.name.value !== "join__graph") return;
      const arg = (name: string) => node.arguments?.find((a) => a.name.value === name)?.value;
      const name = arg("name");
      const url = arg("url");
      if (name?.kind === Kind.STRING && url?.kind === Kind.STRING) urls[name.value] = url.value;
    },
  });
  return urls;
}

/** The supergraph with the given subgraphs' `join__graph(url:)` replaced; an unknown name is an error. */
export function withSubgraphUrls(supergraph: DocumentNode, urls: Readonly<Record<string, string>>): DocumentNode {
  const known = Object.keys(subgraphUrlsOf(supergraph));
  const unknown = Object.keys(urls).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new Error(`the supergraph has no subgraph named ${unknown.join(", ")}; it has ${known.join(", ")}`);
  }
  return visit(supergraph, {
    Directive(node) {
      if (node.name.value !== "join__graph") return undefined;
      const name = node.arguments?.find((a) => a.name.value === "name")?.value;
      const url = name?.kind === Kind.STRING ? urls[name.value] : undefined;
      if (url === undefined) return undefined;
      return {
        ...node,
        arguments: node.arguments?.map((a) =>
          a.name.value === "url" ? { ...a, value: { kind: Kind.STRING, value: url } } : a,
        ),
      };
    },
  });
}

/** `USERGRAPH_URL=…` and the like: the subgraph URLs the environment overrides, by subgraph name. */
export function subgraphUrlsFromEnv(supergraph: DocumentNode, env: NodeJS.ProcessEnv): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const name of Object.keys(subgraphUrlsOf(supergraph))) {
    const value = env[`${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_URL`]?.trim();
    if (value) urls[name] = value;
  }
  return urls;
}

export function createGateway(options: GatewayOptions): GatewayRuntime {
  const supergraph = withSubgraphUrls(parse(options.supergraphSdl), options.subgraphUrls ?? {});
  return createGatewayRuntime({
    supergraph,
    logging: options.logging ?? true,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get("authorization") }),
    },
    demandControl: {
      ...(options.maxCost === undefined ? {} : { maxCost: options.maxCost }),
      includeExtensionMetadata: true,
    },
  });
}

/** Serves a gateway over node's HTTP server on `port` (0: a free one). */
export async function startGateway(options: GatewayOptions & { port: number; host?: string }): Promise<RunningGateway> {
  const gateway = createGateway(options);
  // The runtime is a fetch-style handler that also takes node's (req, res).
  const server: Server = createServer(gateway);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "localhost"}:${port}/graphql`,
    gateway,
    close: async () => {
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await gateway.dispose();
    },
  };
}

function readMaxCost(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.GATEWAY_MAX_COST?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`GATEWAY_MAX_COST must be a whole number above 0; got "${text}"`);
  return value;
}

async function main(): Promise<void> {
  const env = process.env;
  const portText = env.GATEWAY_PORT?.trim() || "4100";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new Error(`GATEWAY_PORT must be a whole number from 0 to 65535; got "${portText}"`);
  }
  const file = path.resolve(packageRoot, env.SUPERGRAPH?.trim() || "supergraph.graphql");
  const supergraphSdl = readFileSync(file, "utf8");
  const subgraphUrls = subgraphUrlsFromEnv(parse(supergraphSdl), env);
  const maxCost = readMaxCost(env);
  const running = await startGateway({ supergraphSdl, subgraphUrls, port, ...(maxCost ? { maxCost } : {}) });
  const routes = Object.entries({ ...subgraphUrlsOf(parse(supergraphSdl)), ...subgraphUrls })
    .map(([name, url]) => `${name} -> ${url}`)
    .join(", ");
  console.log(`gateway serving ${running.url} (${routes})`);
  const stop = (): void => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
