/** Progress goes to stderr, so stdout carries only the results. */
export function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}
