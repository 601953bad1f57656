import { startBillingServer } from "./server";

// The process entry of the demo billing subgraph: `npx tsx examples/billing/index.ts`.
//   BILLING_PORT      port to serve on (default 4001)
//   BILLING_USER_IDS  comma-separated userIds to invoice (default "jane", the README's walkthrough user)

export interface BillingConfig {
  port: number;
  userIds: string[];
}

export function billingConfigFromEnv(env: NodeJS.ProcessEnv): BillingConfig {
  const portText = env.BILLING_PORT?.trim() || "4001";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new Error(`BILLING_PORT must be a whole number from 0 to 65535; got "${portText}"`);
  }
  const userIds = (env.BILLING_USER_IDS ?? "jane")
    .split(",")
    .map((userId) => userId.trim())
    .filter((userId) => userId !== "");
  return { port, userIds };
}

async function main(): Promise<void> {
  const config = billingConfigFromEnv(process.env);
  const billing = await startBillingServer({ port: config.port, userIds: () => config.userIds });
  console.log(`billing subgraph serving ${billing.url} (invoices for ${config.userIds.join(", ") || "nobody"})`);
  const stop = (): void => {
    billing.stop().then(
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
