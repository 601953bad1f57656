import type { ImportProgress } from "../../src/import/importFile";
import { progressView } from "../../src/import/progressView";

// How the importer shows progress on stderr: a bar redrawn in place on a terminal, plain lines elsewhere.

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

function at(fraction: number, counts: Partial<ImportProgress> = {}): ImportProgress {
  return { imported: 0, skipped: 0, rejected: 0, lines: 0, bytesRead: fraction * 1000, totalBytes: 1000, elapsedMs: 1000, ...counts };
}

describe("import progress", () => {
  it("on a terminal, draws a bar in place, keeps a refused line's report above it, and leaves the final bar", () => {
    const { stream, written } = fakeStream(true);
    const view = progressView(stream);
    view.show(at(0.5, { lines: 5000, imported: 4990, skipped: 5, rejected: 5 }));
    expect(written).toEqual(["\r\x1b[2K[############------------] 50% (5,000 lines): imported 4,990, skipped 5, rejected 5; 4,995 users/s"]);
    view.note("line 7: userId must not be blank");
    expect(written[1]).toBe("\r\x1b[2Kline 7: userId must not be blank\n");
    expect(written[2]).toBe(written[0]);
    view.finish(at(1, { lines: 10000, imported: 10000 }));
    expect(written.slice(3)).toEqual([
      "\r\x1b[2K[########################] 100% (10,000 lines): imported 10,000, skipped 0, rejected 0; 10,000 users/s",
      "\n",
    ]);
  });

  it("elsewhere, writes a plain line at each tenth of the file, the last one with the final figures", () => {
    const { stream, written } = fakeStream(false);
    const view = progressView(stream);
    view.show(at(0.05));
    view.show(at(0.12, { imported: 100 }));
    view.show(at(0.15, { imported: 150 }));
    view.note("line 3: not valid JSON");
    view.show(at(1, { imported: 900 }));
    view.finish(at(1, { lines: 1000, imported: 990, rejected: 10 }));
    expect(written).toEqual([
      "import: 5% (0 lines): imported 0, skipped 0, rejected 0; 0 users/s\n",
      "import: 12% (0 lines): imported 100, skipped 0, rejected 0; 100 users/s\n",
      "line 3: not valid JSON\n",
      "import: 100% (1,000 lines): imported 990, skipped 0, rejected 10; 990 users/s\n",
    ]);
  });
});
