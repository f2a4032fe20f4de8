import { fetchFromWorkspace } from "@/lib/repos/fetch-from-workspace";
import type { LocalContext } from "@/lib/sandbox/local/local-config";
import { stopLocalSandbox } from "@/lib/sandbox/local/stop-local-sandbox";
import type { SandboxRef } from "@/lib/sandbox/sandbox-provider";

export async function exportLocalBranch(ctx: LocalContext, ref: SandboxRef, branch: string, intoGitDir: string, intoRef: string): Promise<void> {
  // Nothing of the sandbox may run while the server reads its repository: a process left behind could swap a
  // checked ref for a symlink between the check and the fetch. The agent has reported; ending it costs nothing.
  await stopLocalSandbox(ctx, ref);
  await fetchFromWorkspace({ workspacePath: ref.workspacePath, branch, gitDir: intoGitDir, intoRef });
}
