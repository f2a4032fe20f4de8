import type { Metadata } from "next";
import { BoardView } from "./board-view";

export const metadata: Metadata = { title: "Board" };

export default async function BoardPage({ searchParams }: { searchParams: Promise<{ project?: string | string[] }> }) {
  const { project } = await searchParams;
  return <BoardView projectId={Array.isArray(project) ? project[0] : project} />;
}
