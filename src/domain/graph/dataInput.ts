import { badUserInput } from "../../errors";
import { assertMaxLength } from "../bounds";

export const MAX_DATA_LENGTH = 10_000;
export const MAX_SOURCE_DESCRIPTION_LENGTH = 500;

export type DataSource = "TEXT" | "JSON";

export interface NewData {
  source: DataSource;
  content: string;
  sourceDescription: string | null;
}

export function validateData(input: { type: string; data: string; sourceDescription?: string | null }): NewData {
  if (input.type !== "TEXT" && input.type !== "JSON") {
    throw badUserInput((n) => `${n("addData")} takes ${n("type")} TEXT or JSON; ${input.type} episodes come from their own mutations`, "type");
  }
  if (input.data.trim().length === 0) throw badUserInput((n) => `${n("data")} must not be empty`, "data");
  assertMaxLength(input.data, "data", MAX_DATA_LENGTH);
  if (input.type === "JSON") {
    try {
      JSON.parse(input.data);
    } catch (error) {
      throw badUserInput((n) => `${n("data")} is not valid JSON: ${(error as Error).message}`, "data");
    }
  }
  const description = input.sourceDescription?.trim() || null;
  if (description !== null) assertMaxLength(description, "sourceDescription", MAX_SOURCE_DESCRIPTION_LENGTH);
  return { source: input.type, content: input.data, sourceDescription: description };
}
