import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { CliContext } from "@/lib/cli/cli-context";
import { CliError, EXIT } from "@/lib/cli/exit-codes";
import { API_KEY_PREFIX } from "@/lib/api-keys/api-key-schemas";

export const DEFAULT_API_URL = "http://localhost:3000";

const credentialsSchema = z.object({
  apiUrl: z.string().url(),
  apiKey: z.string().startsWith(API_KEY_PREFIX),
});
export type Credentials = z.infer<typeof credentialsSchema>;

/** `$XDG_CONFIG_HOME/omoi/credentials.json`, or `~/.config/omoi/credentials.json`. */
export function credentialsPath(ctx: Pick<CliContext, "env" | "homeDir">): string {
  const base = ctx.env.XDG_CONFIG_HOME || path.join(ctx.homeDir, ".config");
  return path.join(base, "omoi", "credentials.json");
}

function readStored(ctx: CliContext): Partial<Credentials> {
  const file = credentialsPath(ctx);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return {};
  }
  let parsed: ReturnType<typeof credentialsSchema.safeParse>;
  try {
    parsed = credentialsSchema.safeParse(JSON.parse(text));
  } catch {
    throw new CliError(EXIT.auth, `${file} is not valid JSON; run \`omoi login\` again`);
  }
  if (!parsed.success) throw new CliError(EXIT.auth, `${file} is incomplete; run \`omoi login\` again`);
  return parsed.data;
}

/**
 * Where to send requests and with which key: OMOIOS_API_URL / OMOIOS_API_KEY win over the stored credentials
 * (each on its own), so CI and agents need no file. No key at all is an authentication error, said plainly.
 */
export function resolveCredentials(ctx: CliContext): Credentials {
  const envKey = ctx.env.OMOIOS_API_KEY || undefined;
  const envUrl = ctx.env.OMOIOS_API_URL || undefined;
  const stored = envKey && envUrl ? {} : readStored(ctx);
  const apiKey = envKey ?? stored.apiKey;
  if (!apiKey) throw new CliError(EXIT.auth, "not logged in: run `omoi login` or set OMOIOS_API_KEY");
  if (!apiKey.startsWith(API_KEY_PREFIX)) throw new CliError(EXIT.auth, `OMOIOS_API_KEY is not an API key (they start with ${API_KEY_PREFIX})`);
  const apiUrl = envUrl ?? stored.apiUrl ?? DEFAULT_API_URL;
  if (!z.string().url().safeParse(apiUrl).success) throw new CliError(EXIT.usage, `OMOIOS_API_URL is not a URL: ${apiUrl}`);
  return { apiUrl: apiUrl.replace(/\/+$/, ""), apiKey };
}

/** Stores credentials readable by the user only (folder 0700, file 0600), replacing the file atomically. */
export function saveCredentials(ctx: CliContext, credentials: Credentials): string {
  const file = credentialsPath(ctx);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // Exactly 0600 whatever the umask; the rename then replaces any older file (and its mode) at once.
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, file);
  return file;
}
