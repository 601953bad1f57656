import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { startBillingServer } from "../../examples/billing/server";
import { startGateway } from "../../scripts/gateway";
import { composeSupergraph, loadSupergraphConfig } from "../../scripts/supergraph";
import { packageRoot } from "../../src/paths";

// docker-compose.yml's healthchecks for the demo subgraph and the gateway are `node -e` scripts. Nothing
// here can run Docker, so each script runs as Docker would run it, against a real server on a free port.

interface HealthcheckedService {
  healthcheck?: { test: string[] };
}

const compose = parse(readFileSync(path.join(packageRoot, "docker-compose.yml"), "utf8")) as {
  services: Record<string, HealthcheckedService>;
};

function service(name: string): HealthcheckedService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** A healthcheck's `node -e` script, pointed at another port; its exit code. */
async function runHealthcheck(svc: HealthcheckedService, from: number, to: number): Promise<number> {
  const [, node, flag, script = ""] = svc.healthcheck?.test ?? [];
  expect([node, flag]).toEqual(["node", "-e"]);
  expect(script).toContain(`127.0.0.1:${from}/`);
  return promisify(execFile)(process.execPath, ["-e", script.replace(`:${from}/`, `:${to}/`)]).then(
    () => 0,
    (error: { code: number }) => error.code,
  );
}

describe("docker-compose.yml healthchecks", () => {
  it("has healthchecks that pass against a running billing subgraph and gateway, and fail with nobody there", async () => {
    const billing = await startBillingServer({ port: 0, host: "127.0.0.1", userIds: () => ["jane"] });
    const composed = composeSupergraph(loadSupergraphConfig().subgraphs);
    const gateway = await startGateway({ supergraphSdl: composed.supergraphSdl ?? "", port: 0, host: "127.0.0.1", logging: false });
    try {
      const port = (url: string) => Number(new URL(url).port);
      expect(await runHealthcheck(service("billing"), 4001, port(billing.url))).toBe(0);
      expect(await runHealthcheck(service("gateway"), 4100, port(gateway.url))).toBe(0);
      await billing.stop();
      expect(await runHealthcheck(service("billing"), 4001, port(billing.url))).toBe(1);
    } finally {
      await gateway.close();
      await billing.stop();
    }
  });
});
