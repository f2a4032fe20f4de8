import { AppError } from "@/lib/http/errors";

/** Project names are unique per organization (a database constraint); say so on the field that caused it. */
export function rethrowNameConflict(error: unknown): never {
  if ((error as { code?: string }).code === "P2002") {
    const message = "A project with this name already exists in this organization";
    throw new AppError("conflict", message, { fields: { name: [message] } });
  }
  throw error;
}
