import type { SearchHit } from "@/lib/search/search-schemas";

export type RecentItem = Pick<SearchHit, "kind" | "id" | "projectId" | "title" | "key">;

const STORAGE_KEY = "omoios:recent";
const MAX_RECENT = 6;

/** Newest first, one entry per item, at most MAX_RECENT. */
export function pushRecent(list: RecentItem[], item: RecentItem): RecentItem[] {
  return [item, ...list.filter((entry) => !(entry.kind === item.kind && entry.id === item.id))].slice(0, MAX_RECENT);
}

export function loadRecent(): RecentItem[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? (parsed as RecentItem[]).filter((e) => e && typeof e.id === "string" && typeof e.title === "string").slice(0, MAX_RECENT) : [];
  } catch {
    return []; // private mode or a corrupt entry: no recents rather than a broken palette
  }
}

export function saveRecent(list: RecentItem[]) {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(list));
  } catch {
    // storage full or disabled: recents are a convenience
  }
}

export function hrefOf(item: Pick<SearchHit, "kind" | "id" | "projectId">): string {
  if (item.kind === "project") return `/projects/${item.id}`;
  if (item.kind === "spec") return `/projects/${item.projectId}/specs/${item.id}`;
  return `/projects/${item.projectId}/tickets/${item.id}`;
}
