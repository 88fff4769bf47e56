// The TenorError `run` throws; any other outcome (a result, another exception) fails the test.
import { TenorError } from "../../src/core/errors.ts";

export function refusalOf(run: () => unknown): TenorError {
  try {
    run();
  } catch (error) {
    if (error instanceof TenorError) return error;
    throw error;
  }
  throw new Error("expected a TenorError");
}
