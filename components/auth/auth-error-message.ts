import { GITHUB_SIGN_IN_ERRORS, SIGN_UP_REFUSALS } from "@/lib/users/user-schemas";

const CODE_MESSAGES: Record<string, string> = {
  CredentialsSignin: "Email or password is incorrect",
  OAuthSignin: "Could not start GitHub sign-in. Try again.",
  OAuthCallback: "GitHub sign-in did not complete. Try again.",
  OAuthCreateAccount: "Could not create an account from your GitHub profile.",
  OAuthAccountNotLinked: "This email already has an account. Sign in with your password.",
  Callback: "Sign-in did not complete. Try again.",
  AccessDenied: "Access denied.",
  Configuration: "Sign-in is not configured correctly on this server.",
  configuration: "Sign-in is not configured correctly on this server.",
  Verification: "The sign-in link is no longer valid.",
  SessionRequired: "Sign in to continue.",
  [GITHUB_SIGN_IN_ERRORS.emailRequired]: "Your GitHub account has no verified primary email address. Verify it on GitHub and try again.",
  [GITHUB_SIGN_IN_ERRORS.accountExists]:
    "An account with this email already exists. Sign in with its password, then link GitHub from Settings.",
  [GITHUB_SIGN_IN_ERRORS.linkedElsewhere]: "This GitHub account is already linked to another OmoiOS account.",
  [GITHUB_SIGN_IN_ERRORS.signUpByInvitation]: SIGN_UP_REFUSALS.invite,
  [GITHUB_SIGN_IN_ERRORS.signUpClosed]: SIGN_UP_REFUSALS.closed,
  [GITHUB_SIGN_IN_ERRORS.invitationClosed]: "This invitation is no longer open (used, withdrawn or expired). Ask for a new link.",
};

// next-auth also passes our own authorize() messages through `?error=`. Only those are echoed, so a crafted link cannot
// make the page display arbitrary text.
const OWN_MESSAGES = [/^Email or password is incorrect$/, /^Enter your email and password$/, /^Too many failed sign-ins\. Try again in \d+ minutes?\.$/];

/** A person-readable message for next-auth's `?error=` query value, or null when there is none. */
export function authErrorMessage(error: string | undefined): string | null {
  if (!error) return null;
  const known = CODE_MESSAGES[error];
  if (known) return known;
  if (OWN_MESSAGES.some((pattern) => pattern.test(error))) return error;
  return "Sign-in failed. Try again.";
}

/** The message for `signIn(…, { redirect: false })`'s `error`, which comes from our server and can be shown as is. */
export function signInResultMessage(error: string): string {
  return CODE_MESSAGES[error] ?? error;
}
