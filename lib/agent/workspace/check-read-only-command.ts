import { ToolError } from "@/lib/agent/agent-tool";
import { resolveInWorkspace } from "@/lib/agent/workspace/resolve-in-workspace";

/** Commands that only read. `sort`, `file`, `tee` and the like are left out: an option of theirs writes a file. */
const READ_ONLY_COMMANDS = new Set(["ls", "cat", "head", "tail", "wc", "pwd", "stat", "du", "grep", "find", "git", "echo", "true"]);
const READ_ONLY_GIT = new Set(["log", "show", "status", "diff", "ls-files", "ls-tree", "blame", "grep", "rev-parse", "shortlog", "describe", "cat-file"]);
/** Options of allowed commands that write files or run programs. */
const FORBIDDEN_OPTIONS: Record<string, RegExp> = {
  find: /^-(exec|execdir|ok|okdir|delete|fprint|fprint0|fprintf|fls)$/,
  git: /^(--output(=.*)?|--ext-diff|-O.*|--open-files-in-pager(=.*)?)$/,
};
/** Characters that make the shell do more than run one command with literal arguments. */
const SHELL_SYNTAX = new Set([";", "&", "|", "<", ">", "$", "`", "(", ")", "{", "}", "*", "?", "[", "]", "\\", "!", "#", "\n", "\r"]);

/**
 * Exploration mode's policy for run_command: one allowlisted read-only command (git only with a read-only
 * subcommand), parsed here without any shell expansion (no pipes, redirections, substitutions, globs, `~`), and
 * every argument that could be a path confined to the workspace. Because the parse proves the command has no
 * expansions, bash will run exactly the argv checked here. Throws a ToolError that tells the model why.
 */
export async function checkReadOnlyCommand(command: string, root: string): Promise<void> {
  const argv = splitWords(command);
  const [program, ...args] = argv;
  if (!program) throw new ToolError("Empty command.");
  if (!READ_ONLY_COMMANDS.has(program)) {
    throw refusal(`\`${program}\` is not one of the read-only commands allowed here (${[...READ_ONLY_COMMANDS].join(", ")}).`);
  }
  if (program === "git" && !READ_ONLY_GIT.has(args[0] ?? "")) {
    throw refusal(`only these git subcommands are allowed here: ${[...READ_ONLY_GIT].join(", ")}.`);
  }
  for (const arg of program === "git" ? args.slice(1) : args) {
    if (FORBIDDEN_OPTIONS[program]?.test(arg)) throw refusal(`the option ${arg} can write files or run programs.`);
    const value = arg.startsWith("-") ? arg.slice(arg.indexOf("=") + 1 || arg.length) : arg;
    if (value === "") continue;
    try {
      await resolveInWorkspace(root, value);
    } catch (error) {
      if (error instanceof ToolError) throw refusal(`the argument "${arg}" points outside the workspace.`);
      throw error;
    }
  }
}

function refusal(reason: string) {
  return new ToolError(
    `Refused in exploration mode (read-only): ${reason} Use list_dir, read_file, glob and grep to explore; ` +
      "a command may be one read-only command without pipes, redirections, globs or substitutions.",
  );
}

/** Shell words of a command that uses nothing but plain words and quotes; any other shell syntax is refused. */
function splitWords(command: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else if (c === "\n") throw refusal("a quoted newline.");
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === "$" || c === "`" || c === "\\" || c === "!" || c === "\n") throw refusal(`\`${c}\` inside double quotes.`);
      else word += c;
    } else if (c === " " || c === "\t") {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= "";
    } else if (SHELL_SYNTAX.has(c)) {
      throw refusal(`shell syntax \`${c === "\n" ? "\\n" : c}\` is not allowed.`);
    } else if (c === "~" && (word === null || word.endsWith("=") || word.endsWith(":"))) {
      throw refusal("`~` would expand to the home directory.");
    } else {
      word = (word ?? "") + c;
    }
  }
  if (quote) throw refusal("an unterminated quote.");
  if (word !== null) words.push(word);
  return words;
}
