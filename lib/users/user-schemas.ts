import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().email("Enter a valid email address").max(254);

export const passwordSchema = z
  .string()
  .min(8, "Use at least 8 characters")
  .max(200, "Use at most 200 characters");

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name").max(100),
  email: emailSchema,
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

/** Why a sign-up is refused while SIGNUP is not `open` (shown as is on the sign-up form and the sign-in page). */
export const SIGN_UP_REFUSALS = {
  invite: "Sign-up is by invitation: ask an admin of your organization for a link",
  closed: "Sign-up is closed on this server: ask its administrator for an invitation",
} as const;

/**
 * `?error=` codes of the sign-in page for a refused GitHub sign-in (components/auth/auth-error-message.ts words them).
 */
export const GITHUB_SIGN_IN_ERRORS = {
  emailRequired: "GitHubEmailRequired",
  accountExists: "GitHubAccountExists",
  linkedElsewhere: "GitHubLinkedElsewhere",
  signUpByInvitation: "SignUpByInvitation",
  signUpClosed: "SignUpClosed",
  invitationClosed: "InvitationClosed",
} as const;
export type GithubSignInError = (typeof GITHUB_SIGN_IN_ERRORS)[keyof typeof GITHUB_SIGN_IN_ERRORS];

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(200),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  image: z.string().nullable(),
});
export type UserDto = z.infer<typeof userSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(200),
  newPassword: passwordSchema,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** What the settings page shows about how an account signs in. */
export const accountSecuritySchema = z.object({
  hasPassword: z.boolean(),
  isEmailVerified: z.boolean(),
  isGithubLinked: z.boolean(),
});
export type AccountSecurityDto = z.infer<typeof accountSecuritySchema>;
