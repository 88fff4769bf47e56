import { describe, expect, it } from "vitest";
import { AppError } from "../app/app-error.ts";
import { TenorError } from "../core/errors.ts";
import { problemOf } from "./problem.ts";

describe("problems", () => {
  const noLog = () => {
    throw new Error("nothing should be logged");
  };

  it("keeps an AppError's status, code and issues", () => {
    const { problem } = problemOf(new AppError("CONFLICT", "application is already approved"), noLog);
    expect(problem).toEqual({
      type: "https://tenor.dev/problems/conflict",
      title: "Conflict",
      status: 409,
      detail: "application is already approved",
      code: "CONFLICT",
      issues: [],
    });
  });

  it("answers an engine's TenorError with 422 and its fields", () => {
    const error = new TenorError("INVALID_EVENT", [
      { field: "event.amount", value: 5n, message: "must be > 0" },
    ]);
    const { problem } = problemOf(error, noLog);
    expect(problem).toMatchObject({ status: 422, code: "INVALID_EVENT", title: "Invalid event" });
    expect(problem.issues).toEqual([{ field: "event.amount", value: "5", message: "must be > 0" }]);
  });

  it("hides an unexpected error behind an error id, logging it under that id", () => {
    const logged: [string, unknown][] = [];
    const secret = new Error("connection to db.internal:5432 refused");
    const { problem } = problemOf(secret, (id, error) => logged.push([id, error]));
    expect(problem.status).toBe(500);
    expect(problem.code).toBe("INTERNAL_ERROR");
    expect(JSON.stringify(problem)).not.toContain("db.internal");
    expect(JSON.stringify(problem)).not.toContain("at ");
    expect(logged).toEqual([[problem.errorId, secret]]);
    expect(problem.detail).toContain(problem.errorId as string);
  });
});
