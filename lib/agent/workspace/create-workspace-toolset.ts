import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { AgentTool } from "@/lib/agent/agent-tool";
import { createEditFileTool } from "@/lib/agent/workspace/edit-file-tool";
import { createGlobTool } from "@/lib/agent/workspace/glob-tool";
import { createGrepTool } from "@/lib/agent/workspace/grep-tool";
import { createListDirTool } from "@/lib/agent/workspace/list-dir-tool";
import { createReadFileTool } from "@/lib/agent/workspace/read-file-tool";
import { createRunCommandTool } from "@/lib/agent/workspace/run-command-tool";
import type { ExecutionMode, WorkspaceSettings } from "@/lib/agent/workspace/workspace-settings";
import { createWriteFileTool } from "@/lib/agent/workspace/write-file-tool";

export interface WorkspaceToolsetOptions {
  root: string;
  mode: ExecutionMode;
  maxReadChars?: number;
  maxOutputBytes?: number;
  commandTimeoutMs?: number;
  maxCommandTimeoutMs?: number;
  /** Extra variables for run_command (e.g. a test database URL). Nothing else of this process's environment is passed. */
  commandEnv?: Record<string, string>;
  /** HOME for run_command; by default a private temp directory, removed by dispose(). */
  homeDir?: string;
}

export interface WorkspaceToolset {
  tools: AgentTool[];
  /** Removes the temp HOME, if one was made. */
  dispose(): Promise<void>;
}

/**
 * The tools over one workspace. Exploration mode is read-only: no write_file or edit_file, and run_command limited
 * to an allowlist of read-only commands. Implementation mode has every tool and an unrestricted run_command.
 */
export function createWorkspaceToolset(options: WorkspaceToolsetOptions): WorkspaceToolset {
  let madeHome: Promise<string> | undefined;
  const settings: WorkspaceSettings = {
    root: options.root,
    mode: options.mode,
    maxReadChars: options.maxReadChars ?? 25_000,
    maxOutputBytes: options.maxOutputBytes ?? 30_000,
    commandTimeoutMs: options.commandTimeoutMs ?? 120_000,
    maxCommandTimeoutMs: Math.max(options.maxCommandTimeoutMs ?? 600_000, options.commandTimeoutMs ?? 0),
    commandEnv: options.commandEnv ?? {},
    homeDir: () => {
      if (options.homeDir) return Promise.resolve(options.homeDir);
      madeHome ??= fs.mkdtemp(path.join(os.tmpdir(), "omoios-agent-home-"));
      return madeHome;
    },
  };
  const readers = [createListDirTool(settings), createReadFileTool(settings), createGlobTool(settings), createGrepTool(settings)];
  const writers = options.mode === "implementation" ? [createWriteFileTool(settings), createEditFileTool(settings)] : [];
  return {
    tools: [...readers, ...writers, createRunCommandTool(settings)] as AgentTool[],
    async dispose() {
      const home = await madeHome;
      if (home) await fs.rm(home, { recursive: true, force: true });
    },
  };
}
