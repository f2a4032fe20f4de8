import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const bundleCopies = new Map<string, Promise<string>>();

/**
 * One read-only copy of the agent bundle per content in the sandbox root, so sandbox users can read it without
 * reaching the app's checkout (bind-mounting the original would need every folder above it searchable).
 */
export function sharedAgentBundle(root: string, bundlePath: string): Promise<string> {
  const st = fs.statSync(bundlePath);
  const key = `${bundlePath}:${st.size}:${st.mtimeMs}`;
  let copy = bundleCopies.get(key);
  if (!copy) {
    copy = (async () => {
      const content = await fs.promises.readFile(bundlePath);
      const hash = crypto.createHash("sha256").update(content).digest("hex").slice(0, 16);
      const dir = path.join(root, "bin");
      await fs.promises.mkdir(dir, { recursive: true, mode: 0o755 });
      const target = path.join(dir, `omoi-agent-${hash}.mjs`);
      if (!fs.existsSync(target)) {
        const temp = `${target}.${process.pid}.tmp`;
        await fs.promises.writeFile(temp, content, { mode: 0o644 });
        await fs.promises.rename(temp, target);
      }
      return target;
    })();
    copy.catch(() => bundleCopies.delete(key));
    bundleCopies.set(key, copy);
  }
  return copy;
}
