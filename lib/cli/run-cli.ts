import type { CliContext } from "@/lib/cli/cli-context";
import { boardCommand } from "@/lib/cli/board-command";
import { CliError, EXIT } from "@/lib/cli/exit-codes";
import { initCommand } from "@/lib/cli/init-command";
import { loginCommand } from "@/lib/cli/login-command";
import { migrateCommand } from "@/lib/cli/migrate-command";
import { specsListCommand } from "@/lib/cli/specs-list-command";
import { syncDiffCommand } from "@/lib/cli/sync-diff-command";
import { syncPullCommand } from "@/lib/cli/sync-pull-command";
import { syncPushCommand } from "@/lib/cli/sync-push-command";
import { validateCommand } from "@/lib/cli/validate-command";
import { escapeControlChars as safe } from "@/lib/omoi-files/escape-control-chars";

export const HELP = `usage: omoi <command> [options]

commands:
  login [--url <url>] [--key <key>]   check an API key and store it with the app's URL (mode 0600);
                                      without --key the key is read from stdin
  init --project <id> [--spec <key>] [--title <t>]
                                      create .omoi_os/ (config.yaml, folders, templates/)
  validate                            check every .omoi_os/ file: file:line errors, unknown fields,
                                      references, dependency cycles and the push's size limits;
                                      an unknown field with content is an error (nothing is dropped)
  migrate [--dry-run] [--project <id>] [--spec <key>]
                                      rewrite a .omoi_os/ folder in the predecessor's (Python OmoiOS)
                                      format into this one (originals kept in .omoi_os/predecessor/);
                                      --dry-run prints what moves where and writes nothing
  sync push [--dry-run]               create or update the spec and tickets from the files, in one
                                      transaction, keyed by file ids (safe to run again)
  sync pull [--spec <id>] [--force]   write the spec's requirements, design, tasks and tickets as files
  sync diff                           what a push would change (exit 1 when anything differs)
  specs list [--project <id>]         the project's specs
  board [--project <id>] [--scope all|mine|unassigned|spec:<id>]
                                      the project's board as text
  agent                               run the sandbox agent (reads OMOIOS_API_URL, OMOIOS_SANDBOX_ID,
                                      OMOIOS_SANDBOX_TOKEN, WORKSPACE_PATH, …)
  help                                show this help

every command but agent takes --dir <folder> (where .omoi_os/ is; default: this folder or a parent)

environment:
  OMOIOS_API_URL, OMOIOS_API_KEY      override the stored URL and key (default URL http://localhost:3000)
  OMOIOS_PROJECT_ID                   the project for init, migrate, specs list and board when no config.yaml
                                      names it
  XDG_CONFIG_HOME                     credentials live in $XDG_CONFIG_HOME/omoi (default ~/.config/omoi)

exit codes:
  0 ok   1 invalid files, differences found, or refused by the server   2 usage
  3 not logged in or key refused   4 server unreachable or failing after retries

file formats: docs/omoi-files.md
`;

type Command = (ctx: CliContext, args: string[]) => Promise<number>;
const COMMANDS: Record<string, Command> = {
  login: loginCommand,
  init: initCommand,
  validate: validateCommand,
  migrate: migrateCommand,
  "sync push": syncPushCommand,
  "sync pull": syncPullCommand,
  "sync diff": syncDiffCommand,
  "specs list": specsListCommand,
  board: boardCommand,
};

/**
 * Runs one `omoi` command (all but `agent`, which bin/omoi.ts starts itself) and returns its exit code. Every
 * failure a person can cause or fix ends here as one line on stderr; a stack trace only with OMOIOS_DEBUG set.
 */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const [first, second] = argv;
  if (!first || first === "help" || first === "--help" || first === "-h") {
    ctx.stdout(HELP);
    return first ? EXIT.ok : EXIT.usage;
  }
  const name = first === "sync" || first === "specs" ? `${first} ${second ?? ""}`.trim() : first;
  const command = COMMANDS[name];
  if (!command) {
    ctx.stderr(`omoi: unknown command "${safe(name)}"\n\n${HELP}`);
    return EXIT.usage;
  }
  const args = argv.slice(name.split(" ").length);
  if (args.includes("--help") || args.includes("-h")) {
    ctx.stdout(HELP);
    return EXIT.ok;
  }
  try {
    return await command(ctx, args);
  } catch (error) {
    if (error instanceof CliError) {
      // Messages may quote file names and server text: escaped, so they cannot forge or hide lines.
      ctx.stderr(`omoi ${name}: ${safe(error.message)}\n`);
      return error.exitCode;
    }
    const detail = ctx.env.OMOIOS_DEBUG && error instanceof Error ? `\n${error.stack}` : " (set OMOIOS_DEBUG=1 for details)";
    ctx.stderr(`omoi ${name}: unexpected error: ${safe(error instanceof Error ? error.message : String(error))}${detail}\n`);
    return EXIT.failed;
  }
}
