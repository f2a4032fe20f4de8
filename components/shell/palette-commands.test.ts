import { describe, expect, it } from "vitest";
import { paletteCommands, wordMatcher } from "@/components/shell/palette-commands";

describe("the palette's commands", () => {
  const visited: string[] = [];
  const commands = paletteCommands({ go: (href) => visited.push(href), showProjects: () => visited.push("(projects)"), currentProjectId: undefined });
  const find = (typed: string) => commands.filter((c) => wordMatcher(typed)(`${c.label} ${c.keywords}`)).map((c) => c.id);

  it("offer a new project and a new ticket by those words, and go where they say", () => {
    expect(find("new project")).toEqual(["new-project"]);
    expect(find("new ticket")).toEqual(["quick-task"]);
    expect(find("quick")).toEqual(["quick-task"]);
    commands.find((c) => c.id === "new-project")!.run();
    commands.find((c) => c.id === "quick-task")!.run();
    expect(visited).toEqual(["/projects?new=1", "/command?mode=quick"]);
  });
});
