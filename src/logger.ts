import pino, { type Logger } from "pino";
import type { Config } from "./config";

export function createLogger(config: Pick<Config, "logLevel">): Logger {
  return pino({
    name: "usergraph",
    level: config.logLevel,
    // Passwords and tokens never reach the log, whichever object carries them.
    redact: ["password", "*.password", "req.headers.authorization", "req.headers.cookie"],
  });
}
