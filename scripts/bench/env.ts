import { UsageError } from "./usageError";

/** A count from the environment (underscores allowed: 1_000_000), or `fallback` when unset. */
export function sizeFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text.replace(/_/g, ""));
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`${name} must be a whole number from 1; got "${text}"`);
  return value;
}
