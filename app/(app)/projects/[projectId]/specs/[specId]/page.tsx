import type { Metadata } from "next";
import { SpecDetail } from "@/components/specs/spec-detail";

export const metadata: Metadata = { title: "Spec" };

export default async function SpecPage({ params }: { params: Promise<{ projectId: string; specId: string }> }) {
  const { projectId, specId } = await params;
  return <SpecDetail projectId={projectId} specId={specId} />;
}
