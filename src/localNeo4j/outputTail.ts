import { open } from "node:fs/promises";
import type { Readable } from "node:stream";

const defaultLines = 25;

// Keeps the last lines a child printed, so that when it dies the error can say why.
export class OutputTail {
  private lines: string[] = [];
  private partial = "";

  constructor(private readonly maxLines = defaultLines) {}

  follow(stream: Readable): void {
    stream.on("data", (chunk: Buffer) => this.push(chunk.toString("utf8")));
  }

  text(): string {
    return [...this.lines, this.partial].filter((line) => line.trim() !== "").join("\n");
  }

  private push(text: string): void {
    const pieces = (this.partial + text).split("\n");
    this.partial = pieces.pop() ?? "";
    this.lines.push(...pieces);
    if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
  }
}

// The last lines of a log file, or "" when it cannot be read.
export async function fileTail(file: string, maxLines = defaultLines): Promise<string> {
  try {
    const handle = await open(file, "r");
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, 16_384);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      return buffer.toString("utf8").trimEnd().split("\n").slice(-maxLines).join("\n");
    } finally {
      await handle.close();
    }
  } catch {
    return "";
  }
}
