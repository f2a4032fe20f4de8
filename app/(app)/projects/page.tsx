import type { Metadata } from "next";
import { ProjectList } from "./project-list";

export const metadata: Metadata = { title: "Projects" };

// `?new=1` (the palette's "New project") opens the form at once; the key remounts the list when it is asked again.
export default async function ProjectsPage({ searchParams }: { searchParams: Promise<{ new?: string }> }) {
  const { new: wantsNew } = await searchParams;
  return <ProjectList key={wantsNew ?? ""} startCreating={wantsNew === "1"} />;
}
