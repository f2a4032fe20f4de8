import { db, type Prisma } from "@/lib/db/client";
import type { Spec } from "@/lib/generated/prisma/client";
import { AppError, type FieldErrors } from "@/lib/http/errors";
import { applySpec, applySpecItems, completeDraftSpec } from "@/lib/omoi-files/apply-omoi-spec-items";
import { applyOmoiTickets } from "@/lib/omoi-files/apply-omoi-tickets";
import { checkOmoiReferences } from "@/lib/omoi-files/check-omoi-references";
import { loadOmoiSnapshot } from "@/lib/omoi-files/load-omoi-snapshot";
import type { OmoiPushInput, OmoiPushResult, OmoiSnapshot, SpecFile } from "@/lib/omoi-files/omoi-file-schemas";
import { matchTicket, planOmoiPush } from "@/lib/omoi-files/plan-omoi-push";
import { resolveOmoiPeople } from "@/lib/omoi-files/resolve-omoi-people";
import { getProjectForMemberOrThrow } from "@/lib/projects/get-project-for-member-or-throw";

export interface PushOmoiFilesOptions {
  userId: string;
  projectId: string;
  input: OmoiPushInput;
}

/**
 * `omoi sync push`: the `.omoi_os/` files of one folder become the spec's requirements, design and tasks and the
 * project's tickets, in ONE transaction (a push cut off halfway leaves nothing, and running it again finishes
 * it), keyed by the files' ids (pushing twice creates nothing new). Tickets are owned by the pusher unless a file
 * names another member; references resolve to real rows or the whole push is refused with the file's field. A
 * dry run answers the same plan and writes nothing.
 */
export async function pushOmoiFiles({ userId, projectId, input }: PushOmoiFilesOptions): Promise<OmoiPushResult> {
  const project = await getProjectForMemberOrThrow({ userId, projectId });
  return db.$transaction(
    async (tx) => {
      // One push per project at a time (ticket numbers come from this row as well).
      await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ${projectId} FOR UPDATE`;
      const existing = await findSpec(tx, projectId, input.spec);
      if (existing?.generationStatus === "running") {
        throw new AppError("conflict", "The spec's agent is writing it right now; push when it has stopped (or cancel it)");
      }
      const snapshot = await loadOmoiSnapshot(tx, { project: { id: project.id, name: project.name }, spec: existing, newSpec: Boolean(input.spec) });
      const plan = planOmoiPush(input, snapshot);

      const errors: FieldErrors = {};
      const person = await resolveOmoiPeople(tx, { orgId: project.orgId, tickets: input.tickets, errors });
      await checkAgainstServer(tx, { projectId, specId: existing?.id ?? null, input, snapshot, errors });
      const problems = Object.values(errors).flat().length;
      if (problems > 0) throw new AppError("validation_failed", `The files have ${problems} problem(s); nothing was written`, { fields: errors });
      if (input.dryRun) return { dryRun: true, plan, specId: existing?.id ?? null };

      let spec: Spec | null = null;
      if (input.spec) {
        spec = await applySpec(tx, { userId, project, existing, file: input.spec });
        await applySpecItems(tx, { spec, local: input, plan });
        await completeDraftSpec(tx, spec);
      }
      await applyOmoiTickets(tx, { userId, projectId, specId: spec?.id ?? null, tickets: input.tickets, snapshot, plan, person });
      return { dryRun: false, plan, specId: spec?.id ?? null };
    },
    // Large folders take a while; the default 5 s would cut a valid push off.
    { timeout: 60_000, maxWait: 15_000 },
  );
}

/** The spec of spec.md: by the server id pull wrote into it, else by its key; null for a new one. */
async function findSpec(tx: Prisma.TransactionClient, projectId: string, file: SpecFile | null): Promise<Spec | null> {
  if (!file) return null;
  const byKey = await tx.spec.findFirst({ where: { projectId, sourceKey: file.key } });
  if (!file.id) return byKey;
  const byId = await tx.spec.findFirst({ where: { id: file.id, projectId } });
  const fail = (field: string, message: string) => new AppError("validation_failed", message, { fields: { [`spec.${field}`]: [message] } });
  if (!byId) throw fail("id", `No spec ${file.id} in this project (remove the id to push it as a new spec)`);
  if (byKey && byKey.id !== byId.id) throw fail("key", `Another spec of this project already has the key ${file.key}`);
  return byId;
}

interface CheckOptions {
  projectId: string;
  specId: string | null;
  input: OmoiPushInput;
  snapshot: OmoiSnapshot;
  errors: FieldErrors;
}

/** The files' references checked against the files plus what the server holds; problems go into `errors`. */
async function checkAgainstServer(tx: Prisma.TransactionClient, { projectId, specId, input, snapshot, errors }: CheckOptions) {
  const add = (key: string, message: string) => (errors[key] ??= []).push(message);
  const taken = new Set<OmoiSnapshot["tickets"][number]>();
  const matches = input.tickets.map((t) => {
    const match = matchTicket(t, snapshot.tickets, taken);
    if (match) taken.add(match);
    return match;
  });
  const unmatched = snapshot.tickets.filter((t) => !taken.has(t));
  const known = new Set([...input.tickets.map((t) => t.id), ...unmatched.flatMap((t) => [t.id, t.key])]);
  const outsideRefs = [...new Set(input.tickets.flatMap((t) => t.dependsOn))].filter((ref) => !known.has(ref));
  const outside = outsideRefs.length
    ? await tx.ticket.findMany({ where: { projectId, OR: [{ localId: { in: outsideRefs } }, { key: { in: outsideRefs } }] }, select: { localId: true, key: true } })
    : [];

  const issues = checkOmoiReferences(input, {
    requirementIds: snapshot.requirements.map((r) => r.id),
    tasks: snapshot.tasks,
    tickets: [...unmatched.map((t) => ({ ids: [t.id, t.key], dependsOn: t.dependsOn })), ...outside.map((t) => ({ ids: [t.localId ?? t.key, t.key], dependsOn: [] }))],
  });
  for (const issue of issues.filter((i) => i.severity === "error")) {
    const head = issue.collection === "spec" || issue.collection === "design" ? issue.collection : `${issue.collection}.${issue.index}`;
    add([head, ...issue.path].join("."), issue.message);
  }

  // A file id already used by a ticket of another spec of the project (or of none) would take that ticket over.
  const ids = input.tickets.map((t) => t.id);
  const clashes = ids.length
    ? await tx.ticket.findMany({ where: { projectId, localId: { in: ids }, NOT: specId ? { specId } : { specId: null } }, select: { localId: true, key: true } })
    : [];
  for (const clash of clashes) {
    add(`tickets.${ids.indexOf(clash.localId!)}.id`, `${clash.localId} is already the id of ticket ${clash.key}, which belongs to another spec of this project; choose another id`);
  }
  // One ticket per spec task (a unique column): a file may not take a task another ticket carries.
  input.tickets.forEach((t, i) => {
    const holder = t.task ? snapshot.tickets.find((r) => r.task === t.task) : undefined;
    if (!holder || holder === matches[i]) return;
    const holderFile = matches.findIndex((m) => m === holder);
    if (holderFile >= 0 && input.tickets[holderFile]!.task !== t.task) return; // it gives the task up in this push
    add(`tickets.${i}.task`, `${t.task} already has ticket ${holder.key}; one ticket per task`);
  });
}
