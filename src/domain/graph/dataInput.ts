import { badUserInput } from "../../errors";

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
    throw badUserInput(`addData takes type TEXT or JSON; ${input.type} episodes come from their own mutations`, "type");
  }
  if (input.data.trim().length === 0) throw badUserInput("data must not be empty", "data");
  if (input.data.length > MAX_DATA_LENGTH) {
    throw badUserInput(`data is ${input.data.length} characters long; the limit is ${MAX_DATA_LENGTH}`, "data");
  }
  if (input.type === "JSON") {
    try {
      JSON.parse(input.data);
    } catch (error) {
      throw badUserInput(`data is not valid JSON: ${(error as Error).message}`, "data");
    }
  }
  const description = input.sourceDescription?.trim() || null;
  if (description !== null && description.length > MAX_SOURCE_DESCRIPTION_LENGTH) {
    throw badUserInput(
      `sourceDescription is ${description.length} characters long; the limit is ${MAX_SOURCE_DESCRIPTION_LENGTH}`,
      "sourceDescription",
    );
  }
  return { source: input.type, content: input.data, sourceDescription: description };
}
