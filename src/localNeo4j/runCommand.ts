import { spawn } from "node:child_process";

// Runs a build tool to completion. A missing tool and a failing one both become one error that says
// what we were trying to do and, for a failure, the end of what the tool printed.
export function runCommand(command: string, args: string[], purpose: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString("utf8")).slice(-8_000);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new Error(`${command} is not installed or not on PATH; it is needed to ${purpose}`)
          : new Error(`could not run ${command} to ${purpose}: ${error.message}`),
      );
    });
    child.once("close", (code, signal) => {
      if (code === 0) return resolve();
      const tail = output.trim().split("\n").slice(-30).join("\n");
      reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit code ${code}`}) trying to ${purpose}:\n${tail}`));
    });
  });
}
