import neo4j from "neo4j-driver";
import { testNeo4jConfig } from "../setup/neo4jEnv";

describe("the test Neo4j", () => {
  const config = testNeo4jConfig();

  it("answers a query from a driver logged in with the test credentials", async () => {
    const driver = neo4j.driver(config.uri, neo4j.auth.basic(config.username, config.password));
    try {
      const { records } = await driver.executeQuery("RETURN 1 AS one", {}, { database: config.database });
      expect(records.map((record) => neo4j.integer.toNumber(record.get("one")))).toEqual([1]);
    } finally {
      await driver.close();
    }
  });

  it("rejects a wrong password, so authentication is on", async () => {
    const driver = neo4j.driver(config.uri, neo4j.auth.basic(config.username, `${config.password}-wrong`));
    try {
      await expect(driver.executeQuery("RETURN 1", {}, { database: config.database })).rejects.toMatchObject({
        code: "Neo.ClientError.Security.Unauthorized",
      });
    } finally {
      await driver.close();
    }
  });
});
