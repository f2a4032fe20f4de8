import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AppError, errorBody, toAppError } from "@/lib/http/errors";

describe("toAppError", () => {
  it("keeps AppErrors and their status", () => {
    const error = new AppError("conflict", "taken");
    expect(toAppError(error)).toBe(error);
    expect(error.status).toBe(409);
  });

  it("maps zod errors to 422 with field paths", () => {
    const result = z.object({ a: z.object({ b: z.number() }) }).safeParse({ a: { b: "x" } });
    const error = toAppError(result.error);
    expect(error.status).toBe(422);
    expect(error.details).toEqual({ fields: { "a.b": [expect.any(String)] } });
  });

  it("maps Prisma not-found and unique violations by code", () => {
    expect(toAppError(Object.assign(new Error("x"), { code: "P2025" })).status).toBe(404);
    expect(toAppError(Object.assign(new Error("x"), { code: "P2002" })).status).toBe(409);
  });

  it("hides unknown errors behind a generic 500", () => {
    const error = toAppError(new Error("connection string postgres://user:pw@host"));
    expect(error.status).toBe(500);
    expect(JSON.stringify(errorBody(error, "rid"))).not.toContain("postgres://");
  });
});
