import { z } from "zod";

/** What EXPLORE hands to later phases: what the code is, where things are, how it is done here, what may bite. */
export const exploreOutputSchema = z.object({
  summary: z.string().min(1).max(8000).describe("What the codebase is and does, and how the idea fits into it"),
  techStack: z.array(z.string().min(1).max(200)).max(50).describe("Languages, frameworks, databases, test tools"),
  keyFiles: z
    .array(z.object({ path: z.string().min(1).max(500), purpose: z.string().min(1).max(1000) }))
    .max(100)
    .describe("Files that matter for this idea, each with why"),
  conventions: z.array(z.string().min(1).max(1000)).max(50).describe("Naming, layout, testing and error-handling habits of this codebase"),
  relevantPatterns: z
    .array(z.object({ pattern: z.string().min(1).max(300), description: z.string().min(1).max(2000), files: z.array(z.string().max(500)).max(50) }))
    .max(50),
  risks: z.array(z.string().min(1).max(2000)).max(50),
  openQuestions: z.array(z.string().min(1).max(2000)).max(50),
});
export type ExploreOutput = z.infer<typeof exploreOutputSchema>;

export const exploreExample: ExploreOutput = {
  summary: "A Next.js 16 app with a PostgreSQL database through Prisma; settings live under app/(app)/settings.",
  techStack: ["TypeScript", "Next.js 16", "Prisma 7", "PostgreSQL", "vitest"],
  keyFiles: [
    { path: "app/(app)/settings/page.tsx", purpose: "The settings page the toggle will live on" },
    { path: "lib/users/update-user.ts", purpose: "Where user preferences are saved" },
  ],
  conventions: ["One verb-named service per file under lib/<domain>/", "zod schemas shared by client and server"],
  relevantPatterns: [{ pattern: "Server actions via runAction", description: "Forms post through a server action", files: ["lib/http/run-action.ts"] }],
  risks: ["Theme flash on first paint if the preference is only read client-side"],
  openQuestions: ["Should the theme follow the operating system by default?"],
};
