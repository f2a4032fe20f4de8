import type { Prisma } from "@/lib/db/client";
import type { FieldErrors } from "@/lib/http/errors";
import type { TicketFile } from "@/lib/omoi-files/omoi-file-schemas";

export interface OmoiPerson {
  id: string;
  email: string;
}

/**
 * Resolves the `owner` and `assignee` of ticket files (a user id or an email) to members of the project's
 * organization. Anyone else is a field error naming the file's field — a file cannot hand a ticket to a stranger,
 * and nobody is silently dropped.
 */
export async function resolveOmoiPeople(
  tx: Prisma.TransactionClient,
  { orgId, tickets, errors }: { orgId: string; tickets: readonly TicketFile[]; errors: FieldErrors },
): Promise<(value: string) => OmoiPerson | undefined> {
  const values = [...new Set(tickets.flatMap((t) => [t.owner, t.assignee]).filter((v): v is string => Boolean(v)))];
  const members = values.length
    ? await tx.user.findMany({
        where: { OR: [{ id: { in: values } }, { email: { in: values.map((v) => v.toLowerCase()) } }], memberships: { some: { orgId } } },
        select: { id: true, email: true },
      })
    : [];
  const find = (value: string) => members.find((m) => m.id === value || m.email === value.toLowerCase());
  tickets.forEach((ticket, i) => {
    for (const field of ["owner", "assignee"] as const) {
      const value = ticket[field];
      if (value && !find(value)) {
        (errors[`tickets.${i}.${field}`] ??= []).push(`${value} is not a member of this project's organization (add them to the organization first)`);
      }
    }
  });
  return find;
}
