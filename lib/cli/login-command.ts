import { z } from "zod";
import { callApi } from "@/lib/cli/cli-api";
import type { CliContext } from "@/lib/cli/cli-context";
import { DEFAULT_API_URL, credentialsPath, saveCredentials } from "@/lib/cli/credentials";
import { CliError, EXIT } from "@/lib/cli/exit-codes";
import { parseCommandArgs } from "@/lib/cli/parse-command-args";
import { API_KEY_PREFIX } from "@/lib/api-keys/api-key-schemas";

const meSchema = z.object({ user: z.object({ id: z.string(), email: z.string() }) });

/**
 * `omoi login [--url <app url>] [--key <api key>]`: checks the key against the server (GET /api/v1/me) and stores
 * URL and key for the other commands. Without --key the key is read from stdin, so it stays out of shell history.
 */
export async function loginCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseCommandArgs("login", args, { url: { type: "string" }, key: { type: "string" } });
  const apiUrl = (values.url ?? ctx.env.OMOIOS_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, "");
  if (!z.string().url().safeParse(apiUrl).success) throw new CliError(EXIT.usage, `omoi login: not a URL: ${apiUrl}`);
  const apiKey = (values.key ?? (await ctx.readLine(`API key for ${apiUrl} (Settings → API keys): `)))?.trim();
  if (!apiKey) throw new CliError(EXIT.usage, "omoi login: no API key given (pass --key or type it when asked)");
  if (!apiKey.startsWith(API_KEY_PREFIX)) throw new CliError(EXIT.usage, `omoi login: API keys start with ${API_KEY_PREFIX}`);

  const me = await callApi(ctx, { apiUrl, apiKey }, { path: "/api/v1/me", schema: meSchema });
  const file = saveCredentials(ctx, { apiUrl, apiKey });
  ctx.stdout(`Logged in to ${apiUrl} as ${me.user.email}.\nCredentials saved in ${file} (readable by you only).\n`);
  if (ctx.env.OMOIOS_API_KEY) ctx.stderr(`note: OMOIOS_API_KEY is set and wins over ${credentialsPath(ctx)}\n`);
  return EXIT.ok;
}
