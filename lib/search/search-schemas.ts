import { z } from "zod";

export const SEARCH_KINDS = ["project", "spec", "ticket"] as const;

/** `GET /api/v1/search?q=&limit=`; shared by the route and the palette. */
export const searchQuerySchema = z.object({
  q: z.string().trim().min(1, "Type something to search for").max(200),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export interface SearchHit {
  kind: (typeof SEARCH_KINDS)[number];
  id: string;
  projectId: string;
  projectName: string;
  title: string;
  /** Tickets only: OMOI-12. */
  key: string | null;
  /** A spec's generation status or a ticket's column; null for projects. */
  status: string | null;
  updatedAt: string;
}
