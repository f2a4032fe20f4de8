import type { Metadata } from "next";
import { Suspense } from "react";
import { LoadingBlock } from "@/components/ui/spinner";
import { BoardView } from "./board-view";

export const metadata: Metadata = { title: "Board" };

export default async function BoardPage({ searchParams }: { searchParams: Promise<{ project?: string | string[] }> }) {
  const { project } = await searchParams;
  return (
    <Suspense fallback={<LoadingBlock label="Loading board…" />}>
      <BoardView projectId={Array.isArray(project) ? project[0] : project} />
    </Suspense>
  );
}
