import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { ticketBranchName } from "@/lib/repos/ticket-branch-name";
import { listTicketCriteria } from "@/lib/tickets/list-ticket-criteria";
import type { SandboxCaller } from "@/lib/auth/authenticate-sandbox-token";
import type { SandboxContext } from "@/lib/specs/sandbox-context-schema";
import { pendingFeedbackSchema, WORK_PHASES, type SpecPhaseName } from "@/lib/specs/spec-schemas";

const projectSelect = { id: true, name: true, description: true, repoUrl: true, defaultBranch: true, testCommand: true } as const;

/** The calling sandbox's spec or task, its project, and the checkpoints of the phases already passed. */
export async function getSandboxContext(caller: SandboxCaller): Promise<SandboxContext> {
  const sandbox = await db.sandbox.findUniqueOrThrow({ where: { id: caller.sandboxId }, select: { id: true, purpose: true, startPhase: true } });

  if (caller.purpose === "spec") {
    const spec = await db.spec.findUnique({ where: { id: caller.specId ?? "" }, include: { project: { select: projectSelect } } });
    if (!spec) throw new AppError("not_found", "This sandbox's spec no longer exists");
    const passed = await db.phaseRun.findMany({
      where: { specId: spec.id, status: "passed" },
      orderBy: [{ attempt: "desc" }],
      select: { phase: true, attempt: true, score: true, output: true },
    });
    const checkpoints = WORK_PHASES.flatMap((phase) => {
      const latest = passed.find((run) => run.phase === phase);
      return latest ? [{ phase, attempt: latest.attempt, score: latest.score, output: latest.output }] : [];
    });
    return {
      sandbox,
      project: spec.project,
      spec: {
        id: spec.id,
        title: spec.title,
        description: spec.description,
        approvalMode: spec.approvalMode,
        generationStatus: spec.generationStatus,
        currentPhase: spec.currentPhase,
        checkpoints,
        feedback: pendingFeedbackOf(spec.pendingFeedback),
      },
      task: null,
    };
  }

  const task = await db.task.findUnique({
    where: { id: caller.taskId ?? "" },
    include: {
      ticket: { include: { project: { select: projectSelect }, spec: { select: { branch: true } } } },
      specTask: { select: { specId: true, requirementRefs: true, acceptanceCriteria: true } },
    },
  });
  if (!task) throw new AppError("not_found", "This sandbox's task no longer exists");
  const { ticket } = task;
  return {
    sandbox,
    project: ticket.project,
    spec: null,
    task: {
      id: task.id,
      kind: task.kind,
      attempt: task.attempt,
      ticket: { id: ticket.id, key: ticket.key, title: ticket.title, description: ticket.description, priority: ticket.priority },
      branch: task.branch ?? ticketBranchName(ticket.project, ticket.key),
      // The same list the ticket's page shows, so the verdicts the agent gives line up with what people read.
      criteria: (await listTicketCriteria(task.specTask)).map(({ id, text }) => ({ id, text })),
      specBranch: task.specTaskId ? (ticket.spec?.branch ?? null) : null,
      resume: task.deliveredSha !== null,
      feedback: task.feedback,
    },
  };
}

function pendingFeedbackOf(value: unknown): { phase: SpecPhaseName; feedback: string } | null {
  const parsed = pendingFeedbackSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

