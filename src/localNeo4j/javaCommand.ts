import path from "node:path";
import { neo4jScriptsDir } from "../paths";

export const launcherFile = path.join(neo4jScriptsDir, "Launcher.java");

// JAVA_HOME wins over PATH, as it does for Maven, so both use the same JDK.
export function javaExecutable(): string {
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, "bin", "java") : "java";
}

// A fixed heap, 1 GiB unless asked otherwise, keeps the footprint predictable (two test runs at once stay
// near 3 GiB in all); the page cache lives off-heap on top of it and is sized by the Launcher.
const DEFAULT_HEAP = "1g";

const jvmFlags = [
  "-XX:+UseG1GC",
  // After an OutOfMemoryError some thread of the DBMS is dead; a clean exit is better than a half-working
  // database, and whoever started it sees the exit.
  "-XX:+ExitOnOutOfMemoryError",
  // The same opens as Neo4j's own neo4j.conf: without them the page cache and the transaction log fall
  // back to slower code paths and debug.log fills with warnings about it.
  "--add-opens=java.base/java.nio=ALL-UNNAMED",
  "--add-opens=java.base/java.io=ALL-UNNAMED",
  "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
  "-Dio.netty.tryReflectionSetAccessible=true",
];

export interface LauncherArgs {
  libDir: string;
  port: number;
  dataDir: string;
  password: string;
  pageCache?: string;
  // JVM size syntax such as "1g" or "512m".
  heap?: string;
  exitOnStdinEof: boolean;
}

// Java runs Launcher.java straight from source (JEP 330); `dir/*` is expanded by java itself, not a shell.
export function launcherArgs(options: LauncherArgs): string[] {
  const heap = options.heap ?? DEFAULT_HEAP;
  return [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    ...jvmFlags,
    "-cp",
    path.join(options.libDir, "*"),
    launcherFile,
    "--port",
    String(options.port),
    "--data",
    options.dataDir,
    "--password",
    options.password,
    ...(options.pageCache ? ["--page-cache", options.pageCache] : []),
    ...(options.exitOnStdinEof ? ["--exit-on-stdin-eof"] : []),
  ];
}
