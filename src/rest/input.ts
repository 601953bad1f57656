import type { Request } from "express";
import { badUserInput } from "../errors";

// Reading Zep's JSON bodies and query strings: what GraphQL's type system does for the GraphQL route (a
// string is a string, a date is a date), and nothing more. Every rule about the values themselves lives in
// src/domain and src/services, shared with GraphQL. Names here are the REST names, snake_case.

export type JsonObject = Record<string, unknown>;

/** The request's JSON object body; an absent body reads as an empty object. */
export function bodyOf(req: Request): JsonObject {
  const body: unknown = req.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body)) throw badUserInput("the request body must be a JSON object");
  return body as JsonObject;
}

/** A path parameter, decoded (the SDKs encode ids with encodeURIComponent). */
export function param(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== "string") throw new Error(`route has no :${name} parameter`);
  return value;
}

function describe(value: unknown): string {
  return Array.isArray(value) ? "an array" : value === null ? "null" : typeof value === "object" ? "an object" : JSON.stringify(value);
}

/** Reads `source[name]`; `label` is how messages call the field (`messages[2].content`), `name` by default. */
function typed<T>(source: JsonObject, name: string, label: string, check: (value: unknown) => value is T, kind: string): T | null | undefined {
  const value = source[name];
  if (value === undefined || value === null) return value;
  if (!check(value)) throw badUserInput(`${label} must be ${kind}; got ${describe(value)}`, label);
  return value;
}

const isString = (value: unknown): value is string => typeof value === "string";
const isBoolean = (value: unknown): value is boolean => typeof value === "boolean";
const isNumber = (value: unknown): value is number => typeof value === "number";
const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);
const isArray = (value: unknown): value is unknown[] => Array.isArray(value);

/** Absent is undefined and null is null: a PATCH tells "leave it" from "clear it". */
export const optionalString = (source: JsonObject, name: string, label = name) => typed(source, name, label, isString, "a string");
export const optionalBoolean = (source: JsonObject, name: string, label = name) =>
  typed(source, name, label, isBoolean, "true or false");
export const optionalNumber = (source: JsonObject, name: string, label = name) => typed(source, name, label, isNumber, "a number");
export const optionalObject = (source: JsonObject, name: string, label = name) =>
  typed(source, name, label, isObject, "a JSON object");

export function requiredString(source: JsonObject, name: string, label = name): string {
  const value = optionalString(source, name, label);
  if (value == null) throw badUserInput(`${label} is required`, label);
  return value;
}

export function requiredArray(source: JsonObject, name: string, label = name): unknown[] {
  const value = typed(source, name, label, isArray, "an array");
  if (value == null) throw badUserInput(`${label} is required`, label);
  return value;
}

export function requiredObject(value: unknown, name: string): JsonObject {
  if (!isObject(value)) throw badUserInput(`${name} must be a JSON object; got ${describe(value)}`, name);
  return value;
}

/** An instant written as ISO-8601 (what Zep sends as created_at, valid_at, …). */
export function optionalDate(source: JsonObject, name: string, label = name): Date | null | undefined {
  const value = optionalString(source, name, label);
  if (value == null) return value;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) {
    throw badUserInput(`${label} must be an ISO-8601 date-time such as 2026-11-27T10:00:00Z; got "${value}"`, label);
  }
  return date;
}

/** One of a few names, translated to the value the services take (Zep's lower-case enums to ours). */
export function choice<T>(value: string | null | undefined, name: string, choices: Readonly<Record<string, T>>): T | undefined {
  if (value == null) return undefined;
  if (!Object.hasOwn(choices, value)) {
    throw badUserInput(`${name} must be one of ${Object.keys(choices).join(", ")}; got "${value}"`, name);
  }
  return choices[value];
}

function queryValue(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw badUserInput(`query parameter ${name} must be given once, as plain text`, name);
  return value;
}

export const queryString = queryValue;

export function queryInt(req: Request, name: string): number | undefined {
  const value = queryValue(req, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw badUserInput(`query parameter ${name} must be an integer; got "${value}"`, name);
  return Number(value);
}

export function queryBool(req: Request, name: string): boolean | undefined {
  const value = queryValue(req, name);
  if (value === undefined) return undefined;
  if (value !== "true" && value !== "false") throw badUserInput(`query parameter ${name} must be true or false; got "${value}"`, name);
  return value === "true";
}

/** A Zep option usergraph does not implement, and the one value of it (if any) that asks for what usergraph does anyway. */
export interface Unsupported {
  what: string;
  harmless?: unknown;
}

/**
 * Refuses the Zep options usergraph does not implement when a request sets them: a clear 400 that names
 * the option, never a success that quietly ignored part of the request.
 */
export function refuseUnsupported(source: JsonObject, options: Readonly<Record<string, Unsupported>>): void {
  for (const [name, { what, harmless }] of Object.entries(options)) {
    const value = source[name];
    if (value === undefined || value === null) continue;
    if (harmless !== undefined && JSON.stringify(value) === JSON.stringify(harmless)) continue;
    throw notSupported(`${name} (${what})`, name);
  }
}

export function notSupported(what: string, field?: string) {
  return badUserInput(`${what} is not supported by usergraph`, field);
}
