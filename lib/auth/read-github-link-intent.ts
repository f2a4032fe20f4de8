import { decodeGithubLinkIntent, githubLinkCookieName } from "@/lib/auth/github-link-intent-token";
import { readSessionCookies } from "@/lib/auth/read-session";
import { assertSessionCurrent } from "@/lib/auth/assert-session-current";

/**
 * The user a GitHub callback is to be linked to, or null for an ordinary GitHub sign-in: the request must carry both
 * a genuine link intent (made in settings, ten minutes at most) and a current session of that same user.
 */
export async function readGithubLinkIntent({ cookies }: { cookies: Map<string, string> }): Promise<string | null> {
  const userId = decodeGithubLinkIntent(cookies.get(githubLinkCookieName()));
  if (!userId) return null;
  const session = await readSessionCookies(cookies);
  if (session?.userId !== userId) return null;
  try {
    await assertSessionCurrent(session);
    return userId;
  } catch {
    return null;
  }
}
