import pino, { type Logger } from "pino";
import type { Config } from "./config";

/** The service logs to stdout; a command whose stdout is its answer (the importer) logs to stderr. */
export function createLogger(config: Pick<Config, "logLevel">, to: "stdout" | "stderr" = "stdout"): Logger {
  const options = {
    name: "usergraph",
    level: config.logLevel,
    // Passwords and tokens never reach the log, whichever object carries them.
    redact: ["password", "*.password", "req.headers.authorization", "req.headers.cookie"],
  };
  return to === "stdout" ? pino(options) : pino(options, pino.destination(2));
}
