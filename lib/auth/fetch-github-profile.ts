import { getEnv } from "@/lib/env";
import { githubProfileSchema, type GithubProfile } from "@/lib/auth/github-profile-schemas";

const TIMEOUT_MS = 15_000;

/**
 * The signed-in GitHub person (GET /user) and all their addresses with GitHub's verified and primary flags
 * (GET /user/emails: the public profile's `email` says neither, and may be any address the person typed). Asked of
 * GITHUB_API_URL, so GitHub Enterprise and the tests' loopback fake work alike.
 */
export async function fetchGithubProfile({ accessToken }: { accessToken: string }): Promise<GithubProfile> {
  const api = getEnv().GITHUB_API_URL.replace(/\/+$/, "");
  const get = async (path: string): Promise<unknown> => {
    const response = await fetch(`${api}${path}`, {
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: "application/vnd.github+json",
        "user-agent": "OmoiOS",
        "x-github-api-version": "2022-11-28",
      },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`GitHub answered ${response.status} to GET ${path}`);
    return response.json();
  };
  const [user, emails] = await Promise.all([get("/user"), get("/user/emails")]);
  return githubProfileSchema.parse({ ...(user as object), emails });
}
