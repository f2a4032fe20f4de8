import { Badge } from "@/components/ui/badge";

const TONES = { CRITICAL: "danger", HIGH: "warning", MEDIUM: "accent", LOW: "neutral" } as const;

export function PriorityBadge({ priority }: { priority: string }) {
  const tone = priority in TONES ? TONES[priority as keyof typeof TONES] : "neutral";
  return <Badge tone={tone}>{priority.charAt(0) + priority.slice(1).toLowerCase()}</Badge>;
}
