import type { LastDeliveryDto } from "@/lib/projects/project-schemas";
import { Badge } from "@/components/ui/badge";

/** The project's latest finished agent run on a ticket: delivered or failed, and which ticket. */
export function LastDeliveryBadge({ delivery }: { delivery: LastDeliveryDto | null }) {
  if (!delivery) return null;
  return (
    <Badge tone={delivery.status === "ok" ? "success" : "danger"}>
      {delivery.status === "ok" ? "Last run delivered" : "Last run failed"} · {delivery.ticketKey}
    </Badge>
  );
}
