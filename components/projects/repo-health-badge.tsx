import type { RepoHealthDto } from "@/lib/projects/project-schemas";
import { Badge } from "@/components/ui/badge";

const LABELS: Record<RepoHealthDto["status"], { label: string; tone: "neutral" | "success" | "danger" }> = {
  reachable: { label: "Repository reachable", tone: "success" },
  unreachable: { label: "Repository unreachable", tone: "danger" },
  none: { label: "No repository", tone: "neutral" },
  unchecked: { label: "Repository not checked yet", tone: "neutral" },
};

/** The repository as the server last saw it; the words carry the state, the colour only repeats it. */
export function RepoHealthBadge({ health }: { health: RepoHealthDto }) {
  const { label, tone } = LABELS[health.status];
  return <Badge tone={tone}>{label}</Badge>;
}
