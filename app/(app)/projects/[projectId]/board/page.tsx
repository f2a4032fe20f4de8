import type { Metadata } from "next";
import { Suspense } from "react";
import { ProjectBoard } from "@/components/board/project-board";
import { LoadingBlock } from "@/components/ui/spinner";

export const metadata: Metadata = { title: "Board" };

export default async function ProjectBoardPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    // The board reads its filter from the search params on the client.
    <Suspense fallback={<LoadingBlock label="Loading board…" />}>
      <ProjectBoard projectId={projectId} />
    </Suspense>
  );
}
