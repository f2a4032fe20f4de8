import { z } from "zod";

/** One row of GitHub's GET /user/emails. */
export const githubEmailSchema = z.object({
  email: z.string(),
  primary: z.boolean(),
  verified: z.boolean(),
});
export type GithubEmail = z.infer<typeof githubEmailSchema>;

/** GitHub's GET /user, with the person's addresses from GET /user/emails (`emails`). */
export const githubProfileSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  login: z.string(),
  name: z.string().nullish(),
  avatar_url: z.string().nullish(),
  emails: z.array(githubEmailSchema),
});
export type GithubProfile = z.infer<typeof githubProfileSchema>;

/** The address GitHub vouches for: verified and primary. A verified secondary address proves less and is not used. */
export const verifiedPrimaryEmail = (emails: readonly GithubEmail[]): string | null =>
  emails.find((entry) => entry.primary && entry.verified)?.email.trim().toLowerCase() ?? null;
