import { spawnSync } from "node:child_process";
import fs from "node:fs";

/**
 * Makes sure a program from a Debian package is there: when it is missing and this process is root on a system
 * with apt-get, installs the package (after one `apt-get update`). Returns whether the program is there now; the
 * caller says what it means when it is not (for bubblewrap: local sandboxes refuse to start).
 */
export function ensureDebianPackage(program: string, pkg: string, say: (line: string) => void): boolean {
  const found = () => ["/usr/bin", "/bin", "/usr/local/bin"].some((dir) => fs.existsSync(`${dir}/${program}`));
  if (found()) return true;
  if (process.getuid?.() !== 0 || !fs.existsSync("/usr/bin/apt-get")) return false;
  say(`${program} not found: installing Debian's ${pkg} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  spawnSync("apt-get", ["install", "-y", "-qq", pkg], { stdio: "inherit", env });
  return found();
}
