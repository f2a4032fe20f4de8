import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The host user a sandbox runs as: its own uid when the server is root, else the server's own (the namespace is then the boundary). */
export interface SandboxUser {
  uid: number;
  gid: number;
  /** Whether it is a user of its own (not the server's): then process limits and file ownership apply to it alone. */
  dedicated: boolean;
}

const UID_RANGE = 60_000;

/**
 * A uid from an unused range, derived from the sandbox id: sandboxes never share a uid with the server, root or a
 * login user. Two sandboxes landing on one uid would still not see each other (separate mount and PID namespaces);
 * the uid keeps a sandbox's files and process count apart from everything else on the host.
 */
export function sandboxUserFor(sandboxId: string, uidBase: number): SandboxUser {
  const self = { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
  if (self.uid !== 0) return { ...self, dedicated: false };
  let hash = 2166136261;
  for (const char of sandboxId) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  const uid = uidBase + (hash % UID_RANGE);
  return { uid, gid: uid, dedicated: true };
}

/**
 * The sandbox root must be reachable by sandbox users (bubblewrap binds their folders as that user) while listing
 * nothing to them: mode 0711, owned by the server, and every folder above it searchable. Refuses a root that another
 * user owns or that is a symbolic link (a planted /tmp folder), with one line that says what to do.
 */
export function prepareSandboxRoot(root: string, dedicatedUsers: boolean) {
  fs.mkdirSync(root, { recursive: true, mode: 0o711 });
  const st = fs.lstatSync(root);
  const self = process.getuid?.() ?? 0;
  if (st.isSymbolicLink() || !st.isDirectory() || st.uid !== self) {
    throw new Error(`SANDBOX_ROOT ${root} must be a folder owned by the server's user (uid ${self}), not a link or another user's folder`);
  }
  fs.chmodSync(root, 0o711);
  if (!dedicatedUsers) return;
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) {
      throw new Error(`SANDBOX_ROOT ${root} is not reachable by sandbox users: ${dir} is not searchable by others (chmod o+x it, or choose another SANDBOX_ROOT)`);
    }
    if (dir === path.dirname(dir)) break;
  }
}

const probes = new Map<string, Promise<void>>();

/** Tries bubblewrap once per process (and uid): a refusal says why, before any sandbox is half made. */
export function assertBwrapWorks(user: Pick<SandboxUser, "uid" | "gid">): Promise<void> {
  const key = `${user.uid}:${user.gid}`;
  let probe = probes.get(key);
  if (!probe) {
    probe = run("bwrap", ["--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true"], {
      uid: user.uid,
      gid: user.gid,
      env: { PATH: "/usr/local/bin:/usr/bin:/bin" } as Record<string, string> as NodeJS.ProcessEnv,
      timeout: 10_000,
    }).then(
      () => undefined,
      (error: { code?: string; stderr?: string; message: string }) => {
        probes.delete(key);
        const why = error.code === "ENOENT" ? "bubblewrap (bwrap) is not installed" : (error.stderr?.trim() || error.message).split("\n")[0];
        throw new Error(
          `local sandboxes cannot be isolated: ${why}. Install bubblewrap (apt-get install bubblewrap) on a system with user namespaces, or set SANDBOX_ISOLATION=none to run agents unconfined (single-user mode).`,
        );
      },
    );
    probes.set(key, probe);
  }
  return probe;
}
