// What a run found, in two forms: a table for the reader of the terminal and JSON for tools.
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { ScaleReport } from "./scale/scaleReport";

export interface SideResult {
  /** What this side does, in a few words. */
  method: string;
  medianMs: number;
  samplesMs: number[];
  /** Cypher statements per run of this side: ours from the service's metric, the baseline's counted. */
  statements: number;
  /** Ours only: statements per run by Cypher file name. */
  byQuery?: Record<string, number>;
}

export interface ScenarioResult {
  id: string;
  title: string;
  ours: SideResult;
  /** null where nothing naive does the same work (the ingestion pipeline): then there is no ratio either. */
  baseline: SideResult | null;
  /** baseline median / ours median: how many times faster ours is (below 1: slower). */
  ratio: number | null;
  /** For write scenarios: work per second at the median, for each side. */
  throughput?: { unit: string; ours: number; baseline: number | null };
  notes: string[];
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  node: string;
  neo4j: string;
}

export interface RunReport {
  startedAt: string;
  durationSeconds: number;
  machine: MachineInfo;
  scenarios: ScenarioResult[];
  /** `npm run bench -- scale` only. */
  scale?: ScaleReport;
}

export function machineInfo(neo4jDescription: string): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    neo4j: neo4jDescription,
  };
}

export function printMachine(machine: MachineInfo): void {
  console.log(`machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.platform}`);
  console.log(`node ${machine.node}; ${machine.neo4j}`);
}

export function printTable(scenarios: ScenarioResult[]): void {
  const header = ["scenario", "ours ms", "baseline ms", "ratio", "ours stmts", "baseline stmts"];
  const rows = scenarios.map((s) => [
    s.title,
    s.ours.medianMs.toFixed(1),
    s.baseline?.medianMs.toFixed(1) ?? "—",
    s.ratio === null ? "—" : `${s.ratio.toFixed(2)}×`,
    formatCount(s.ours.statements),
    s.baseline ? formatCount(s.baseline.statements) : "—",
  ]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  console.log("");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
  console.log("ratio = baseline median / ours median (above 1: ours is faster); medians of the timed repetitions.");
  for (const s of scenarios) printDetails(s);
}

function printDetails(s: ScenarioResult): void {
  console.log("");
  console.log(`${s.title}`);
  console.log(`  ours:     ${s.ours.method}; ${s.ours.samplesMs.length} runs ${formatSamples(s.ours.samplesMs)}`);
  if (s.ours.byQuery) console.log(`            statements per run: ${formatByQuery(s.ours.byQuery)}`);
  if (s.baseline) console.log(`  baseline: ${s.baseline.method}; ${s.baseline.samplesMs.length} runs ${formatSamples(s.baseline.samplesMs)}`);
  if (s.throughput) {
    const { unit, ours, baseline } = s.throughput;
    console.log(`  throughput: ours ${ours.toFixed(1)} ${unit}${baseline === null ? "" : `, baseline ${Math.round(baseline)} ${unit}`}`);
  }
  for (const note of s.notes) console.log(`  note: ${note}`);
}

export async function writeJson(report: RunReport): Promise<string> {
  const dir = path.join(__dirname, "results");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, "latest.json");
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

function formatSamples(samples: number[]): string {
  return `[${samples.map((ms) => ms.toFixed(1)).join(", ")}] ms`;
}

function formatByQuery(byQuery: Record<string, number>): string {
  return Object.entries(byQuery)
    .map(([query, n]) => `${query} ${formatCount(n)}`)
    .join(", ");
}

function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
