import { describe, expect, it } from "vitest";
import { hrefOf, pushRecent, type RecentItem } from "@/components/shell/recent-items";

const item = (id: string, kind: RecentItem["kind"] = "spec"): RecentItem => ({ kind, id, projectId: "p1", title: id, key: null });

describe("recent palette items", () => {
  it("keeps the newest first, once each, at most six", () => {
    let list: RecentItem[] = [];
    for (const id of ["a", "b", "c", "d", "e", "f", "g"]) list = pushRecent(list, item(id));
    expect(list.map((e) => e.id)).toEqual(["g", "f", "e", "d", "c", "b"]);
    list = pushRecent(list, item("d"));
    expect(list.map((e) => e.id)).toEqual(["d", "g", "f", "e", "c", "b"]);
    // Same id, another kind: a different item.
    expect(pushRecent([item("x", "ticket")], item("x", "spec"))).toHaveLength(2);
  });

  it("links each kind to its page", () => {
    expect(hrefOf({ kind: "project", id: "p1", projectId: "p1" })).toBe("/projects/p1");
    expect(hrefOf({ kind: "spec", id: "s1", projectId: "p1" })).toBe("/projects/p1/specs/s1");
    expect(hrefOf({ kind: "ticket", id: "t1", projectId: "p1" })).toBe("/projects/p1/tickets/t1");
  });
});
