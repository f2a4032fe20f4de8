import type { Metadata } from "next";
import { SandboxView } from "@/components/sandboxes/sandbox-view";

export const metadata: Metadata = { title: "Sandbox" };

export default async function SandboxPage({ params }: { params: Promise<{ sandboxId: string }> }) {
  const { sandboxId } = await params;
  return <SandboxView sandboxId={sandboxId} />;
}
