import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError, EXIT } from "@/lib/cli/exit-codes";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  /** The folder holding `.omoi_os/` (default: found from the current folder upwards). */
  dir: { type: "string" },
} as const satisfies Options;

/** Strict option parsing: an unknown option or a stray argument is a usage error (exit 2), never ignored. */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O, maxPositionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(EXIT.usage, `omoi ${command}: ${(error as Error).message.replace(/\. To specify a positional.*$/s, "")}`);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new CliError(EXIT.usage, `omoi ${command}: unexpected argument "${parsed.positionals[maxPositionals]}"`);
  }
  return parsed as { values: { [K in keyof (O & typeof COMMON_OPTIONS)]?: (O & typeof COMMON_OPTIONS)[K] extends { type: "boolean" } ? boolean : string }; positionals: string[] };
}
