import type { TicketDetail } from "@/lib/tickets/get-ticket-detail";
import { shortSha } from "@/components/diff/diff-format";

type Task = TicketDetail["tasks"][number];

/** A ticket waits for a person when it sits in Review and its latest attempt's work was held for review. */
export function awaitsReview(detail: { ticket: Pick<TicketDetail["ticket"], "status">; tasks: readonly Pick<Task, "integration">[] }): boolean {
  return detail.ticket.status === "review" && detail.tasks.at(-1)?.integration === "review";
}

/** Where the latest attempt's work is on its way into the spec branch, in words; null when it is not on that way. */
export function deliveryState(task: Pick<Task, "integration" | "integratedSha"> | undefined, specBranch: string | null): string | null {
  switch (task?.integration) {
    case "review":
      return "Waiting for review";
    case "queued":
      return "Queued for integration";
    case "integrating":
      return "Integrating: tests running on the merged result";
    case "integrated": {
      const into = `Integrated into ${specBranch ?? "the spec branch"}`;
      return task.integratedSha ? `${into} at ${shortSha(task.integratedSha)}` : into;
    }
    default:
      return null;
  }
}

/**
 * What the ticket's diff depends on: the last delivered commit, and the latest attempt's state (its test run and
 * integration change what the diff route answers). A change of it fetches the diff again.
 */
export function diffVersion(tasks: readonly Pick<Task, "id" | "status" | "deliveredSha" | "integration" | "integratedSha">[]): string {
  const delivered = tasks.findLast((task) => task.deliveredSha !== null);
  const latest = tasks.at(-1);
  return [delivered?.deliveredSha ?? "-", latest?.id ?? "-", latest?.status ?? "-", latest?.integration ?? "-", latest?.integratedSha ?? "-"].join(":");
}
