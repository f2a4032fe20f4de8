export interface PaletteCommand {
  id: string;
  label: string;
  keywords: string;
  hint?: string;
  run: () => void;
}

/** What the commands act with: `go` closes the palette and navigates; `showProjects` opens the "Go to project…" list. */
interface PaletteActions {
  go: (href: string) => void;
  showProjects: () => void;
  /** The project of the current page, if any: "Go to board" opens its board rather than the all-projects one. */
  currentProjectId: string | undefined;
}

/** The palette's fixed commands, in the order they are listed. */
export function paletteCommands({ go, showProjects, currentProjectId }: PaletteActions): PaletteCommand[] {
  // Typed text that found a command is a search for it, not an idea: the "New spec: …" item carries ideas.
  return [
    { id: "new-spec", label: "New spec from an idea", keywords: "create launch spec idea plan", hint: "Spec-driven", run: () => go("/command?mode=spec") },
    { id: "quick-task", label: "New ticket (quick task)", keywords: "new ticket task fix small quick", hint: "One ticket", run: () => go("/command?mode=quick") },
    { id: "new-project", label: "New project", keywords: "new create add project repository", run: () => go("/projects?new=1") },
    { id: "board", label: "Go to board", keywords: "kanban board tickets columns", run: () => go(currentProjectId ? `/projects/${currentProjectId}/board` : "/board") },
    { id: "project", label: "Go to project…", keywords: "project open switch", run: showProjects },
    { id: "settings", label: "Open settings", keywords: "settings api keys organization members profile", run: () => go("/settings") },
  ];
}

/** The palette's local filter (commands, projects): every typed word must appear, in any order and case. */
export function wordMatcher(idea: string): (haystack: string) => boolean {
  const words = idea.toLowerCase().split(/\s+/).filter(Boolean);
  return (haystack: string) => words.every((word) => haystack.toLowerCase().includes(word));
}
