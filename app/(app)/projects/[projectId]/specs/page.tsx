import type { Metadata } from "next";
import { SpecList } from "@/components/specs/spec-list";

export const metadata: Metadata = { title: "Specs" };

export default async function SpecsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <SpecList projectId={projectId} />;
}
