// The scale scenario's tables: every read's median at both sizes and how much slower it got, then the page
// of users under load, each side's throughput and p99 with usergraph's ratios to the others.
import type { ScaleReport } from "./scaleReport";
import { userId } from "./dataset";
import { FACTS_PER_USER, LARGE_USER, LARGE_USER_FACTS } from "./userGraphs";

export function printScale(report: ScaleReport): void {
  const [small, large] = report.sizes;
  const sizeName = (users: number): string => (users >= 1_000_000 ? `${users / 1_000_000}M` : users >= 1000 ? `${users / 1000}k` : String(users));
  const a = sizeName(small.users);
  const b = sizeName(large.users);
  console.log("");
  console.log(`scale: imports of ${a} users at ${small.import.usersPerSecond} users/s, then ${large.import.users} more at ${large.import.usersPerSecond} users/s`);
  console.log(
    `graphs (${FACTS_PER_USER} facts each, ${LARGE_USER_FACTS} for ${userId(LARGE_USER)}; facts and nodes embedded) written for ${small.graphs.users} threaded users in ${small.graphs.seconds} s, then ${large.graphs.users} more in ${large.graphs.seconds} s`,
  );
  const waits = report.sizes.map((size) => (size.quiet.seconds === null ? "not watched" : `${size.quiet.seconds} s${size.quiet.quiet ? "" : " (still busy)"}`));
  console.log(`reads timed once Neo4j went quiet after each import: after ${waits.join(" and ")}`);
  table(
    ["read (median of one request at a time)", `${a} ms`, `${b} ms`, `${b}/${a}`, "runs"],
    Object.keys(large.reads).map((name) => {
      const x = small.reads[name];
      const y = large.reads[name]!;
      return [
        name,
        ms(x?.medianMs ?? null, x?.error),
        ms(y.medianMs, y.error),
        x?.medianMs && y.medianMs ? `${(y.medianMs / x.medianMs).toFixed(1)}×` : "-",
        `${x?.runs ?? 0}/${y.runs}`,
      ];
    }),
  );
  console.log(`ratio = median at ${b} / median at ${a} (1× = flat); runs: timed requests at each size (fewer when slow)`);
  for (const size of report.sizes) {
    for (const [name, timing] of Object.entries(size.reads)) if (timing.error) console.log(`  ${name} at ${sizeName(size.users)}: ${timing.error}`);
  }
  for (const size of report.sizes) {
    const sides = Object.entries(size.load);
    const ours = sides[0]![1];
    console.log("");
    console.log(`page of 50 users with node summary and 5 threads, ${sizeName(size.users)} users, ${report.clients} clients × ${report.loadSeconds} s`);
    table(
      ["side", "req/s", "p50 ms", "p99 ms", "errors", "usergraph req/s ×", "usergraph p99 ×"],
      sides.map(([name, r]) => [
        name,
        r.requestsPerSecond.toFixed(1),
        ms(r.p50Ms),
        ms(r.p99Ms),
        String(r.errors),
        r.requestsPerSecond > 0 ? times(ours.requestsPerSecond / r.requestsPerSecond) : "-",
        r.p99Ms && ours.p99Ms ? times(ours.p99Ms / r.p99Ms) : "-",
      ]),
    );
    for (const [name, r] of sides) if (r.firstError) console.log(`  ${name}: first error: ${r.firstError}`);
  }
  console.log("usergraph req/s × = usergraph's req/s over the side's (above 1: usergraph serves more); p99 × = usergraph's p99 over the side's (below 1: usergraph's is lower)");
}

// Two decimals, or two significant digits for a ratio too small for them (0.0013×, not 0.00×).
function times(ratio: number): string {
  return `${ratio < 0.1 ? ratio.toPrecision(2) : ratio.toFixed(2)}×`;
}

function ms(value: number | null, error?: string): string {
  if (error) return "error";
  return value === null ? "-" : value.toFixed(1);
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}
