import { describe, expect, it } from "vitest";
import * as searchRoute from "@/app/api/v1/search/route";
import { db } from "@/lib/db/client";
import type { SearchHit } from "@/lib/search/search-schemas";
import { callRoute } from "@/test/call-route";
import { createTestProject, createTestUser, uniqueSuffix } from "@/test/factories";

const search = async (cookie: string, q: string) => {
  const res = await callRoute(searchRoute.GET, { path: `/x?q=${encodeURIComponent(q)}`, cookie });
  expect(res.status).toBe(200);
  return res.body.results as SearchHit[];
};

async function ticket(projectId: string, userId: string, number: number, title: string, description = "") {
  return db.ticket.create({ data: { projectId, userId, key: `OMOI-${number}`, number, title, description, position: number } });
}

describe("GET /api/v1/search", () => {
  it("finds projects, specs and tickets of the caller's organizations only, best match first", async () => {
    const word = `zebra${uniqueSuffix()}`;
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const project = await createTestProject(owner.id, { name: `Stripes ${word}` });
    const theirs = await createTestProject(stranger.id, { name: `Hidden ${word}` });
    const spec = await db.spec.create({ data: { projectId: project.id, userId: owner.id, title: `${word} crossing signals`, description: "Lights" } });
    await db.spec.create({ data: { projectId: theirs.id, userId: stranger.id, title: `${word} secret plan`, description: "x" } });
    const described = await ticket(project.id, owner.id, 1, "Paint the road", `mentions ${word} only in the description`);
    const titled = await ticket(project.id, owner.id, 2, `Count every ${word}`);

    const hits = await search(owner.cookie, word);
    expect(hits.map((h) => h.id).sort()).toEqual([project.id, spec.id, described.id, titled.id].sort());
    // Title starts with the word > a word of the title starts with it > only the description mentions it.
    const order = hits.map((h) => h.id);
    expect(order.indexOf(spec.id)).toBeLessThan(order.indexOf(titled.id));
    expect(order.indexOf(titled.id)).toBeLessThan(order.indexOf(described.id));
    expect(hits.find((h) => h.id === titled.id)).toMatchObject({ kind: "ticket", key: "OMOI-2", projectId: project.id, projectName: project.name, status: "backlog" });
    expect(hits.find((h) => h.id === spec.id)).toMatchObject({ kind: "spec", projectId: project.id });

    // Another organization's member sees only their own.
    const theirHits = await search(stranger.cookie, word);
    expect(theirHits.map((h) => h.projectId).every((id) => id === theirs.id)).toBe(true);
    expect(theirHits).toHaveLength(2);
  });

  it("puts an exact ticket key first, needs every word, and takes % and _ literally", async () => {
    const owner = await createTestUser();
    const project = await createTestProject(owner.id);
    const target = await ticket(project.id, owner.id, 7, "Seven");
    await ticket(project.id, owner.id, 70, "Mentions OMOI-7 in its title");
    const byKey = await search(owner.cookie, "omoi-7");
    expect(byKey[0]!.id).toBe(target.id);

    const both = await ticket(project.id, owner.id, 8, "Raise the quota to 50% for admins");
    await ticket(project.id, owner.id, 9, "Raise the quota for guests");
    expect((await search(owner.cookie, "quota admins")).map((h) => h.id)).toEqual([both.id]);
    expect((await search(owner.cookie, "50%")).map((h) => h.id)).toEqual([both.id]);
    expect(await search(owner.cookie, "5_%")).toEqual([]);
  });

  it("refuses an empty query with a field error and an anonymous caller with 401", async () => {
    const owner = await createTestUser();
    const empty = await callRoute(searchRoute.GET, { path: "/x?q=%20", cookie: owner.cookie });
    expect(empty.status).toBe(422);
    expect(empty.body.error.details.fields.q).toBeDefined();
    expect((await callRoute(searchRoute.GET, { path: "/x?q=a" })).status).toBe(401);
  });
});
