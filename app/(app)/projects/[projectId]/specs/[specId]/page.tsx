import type { Metadata } from "next";
import { SpecStatus } from "./spec-status";

export const metadata: Metadata = { title: "Spec" };

export default async function SpecPage({ params }: { params: Promise<{ projectId: string; specId: string }> }) {
  const { specId } = await params;
  return <SpecStatus specId={specId} />;
}
