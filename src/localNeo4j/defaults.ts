import path from "node:path";
import { localNeo4jDir } from "../paths";

// The development Neo4j that npm start and npm run db:start share. The password is not a secret: the
// DBMS listens on 127.0.0.1 only, and docker-compose.yml uses the same one.
export interface LocalNeo4jDefaults {
  port: number;
  dataDir: string;
  username: string;
  password: string;
}

export const localNeo4jDefaults: LocalNeo4jDefaults = {
  port: 7687,
  dataDir: path.join(localNeo4jDir, "data"),
  username: "neo4j",
  password: "usergraph-local",
};
