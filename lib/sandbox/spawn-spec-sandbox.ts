import { db, Prisma } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { resolveSpecBaseCommit } from "@/lib/repos/resolve-spec-base-commit";
import { getSandboxProvider } from "@/lib/sandbox/get-sandbox-provider";
import { startClaimedSandbox } from "@/lib/sandbox/start-claimed-sandbox";
import type { SandboxProvider, SandboxStatus } from "@/lib/sandbox/sandbox-provider";
import { GATED_PHASES, type GatedPhase } from "@/lib/core/spec-phases";
import { lockSpec, resumeSpecAt } from "@/lib/specs/spec-state";
import { recordSync } from "@/lib/specs/save-checkpoint";
import { runSync, type SyncResult } from "@/lib/specs/run-sync";

export type SpawnOutcome =
  | { spawned: true; sandboxId: string }
  | { spawned: false; reason: "not_running" | "already_live" | "at_capacity" | "start_failed" | "synced"; retryAt?: Date };

export interface SpawnSpecSandboxOptions {
  specId: string;
  provider?: SandboxProvider;
  /** Called when this process sees the agent exit (local provider). */
  onExit?: (sandboxId: string, status: SandboxStatus) => void;
}

/**
 * Starts the agent of a running spec from its first incomplete phase. The claim is atomic — the spec row is locked
 * while we check for a live sandbox and insert ours (and a partial unique index backs it) — so any number of
 * workers running the same job start one sandbox. Local sandboxes beyond LOCAL_SANDBOX_MAX wait their turn.
 */
export async function spawnSpecSandbox({ specId, provider = getSandboxProvider(), onExit }: SpawnSpecSandboxOptions): Promise<SpawnOutcome> {
  const claim = await claimSpecSandbox(specId, provider);
  if (!claim.ok) {
    if (claim.synced) await recordSync(null, specId, claim.synced);
    return claim.outcome;
  }
  const { sandbox, spec } = claim;

  const started = await startClaimedSandbox(
    {
      sandboxId: sandbox.id,
      purpose: "spec",
      projectId: spec.projectId,
      userId: spec.userId,
      specId: spec.id,
      taskId: null,
      repo: { url: spec.project.repoUrl, branch: spec.project.defaultBranch },
      executionMode: "exploration",
      specPhase: claim.startPhase,
    },
    provider,
    onExit,
  );
  if (started && claim.startPhase === "explore") {
    // The spec's base: the default branch as the server fetches it now, beside the agent's clone. Fetched here (the
    // worker) rather than when EXPLORE's checkpoint arrives (a web request); if it fails, the checkpoint tries again.
    await resolveSpecBaseCommit(spec.id).catch((error) => log.warn("could not fetch the spec's base commit", { specId: spec.id, error: (error as Error).message }));
  }
  return started ? { spawned: true, sandboxId: sandbox.id } : { spawned: false, reason: "start_failed" };
}

type Claim =
  | { ok: false; outcome: SpawnOutcome; synced?: SyncResult }
  | {
      ok: true;
      sandbox: { id: string };
      startPhase: GatedPhase;
      spec: { id: string; projectId: string; userId: string; project: { repoUrl: string | null; defaultBranch: string } };
    };

async function claimSpecSandbox(specId: string, provider: SandboxProvider): Promise<Claim> {
  try {
    return await db.$transaction(async (tx) => {
      // Serializes every spawn of this spec: a second worker waits here, then sees our sandbox.
      const locked = await lockSpec(tx, specId);
      if (locked.generationStatus !== "running") return { ok: false, outcome: { spawned: false, reason: "not_running" } } as const;
      const live = await tx.sandbox.count({ where: { specId, purpose: "spec", status: { in: ["creating", "running"] } } });
      if (live > 0) return { ok: false, outcome: { spawned: false, reason: "already_live" } } as const;

      const passed = await tx.phaseRun.findMany({ where: { specId, status: "passed" }, select: { phase: true } });
      const done = new Set(passed.map((run) => run.phase));
      const startPhase = GATED_PHASES.find((phase) => !done.has(phase));
      if (!startPhase) {
        // Every agent phase passed but SYNC did not run (a spec left there by an older agent): the server does it,
        // without waiting for a sandbox slot it does not need.
        return { ok: false, outcome: { spawned: false, reason: "synced" }, synced: await runSync(tx, specId) } as const;
      }

      if (provider.name === "local") {
        // Capacity is counted in the database, so it holds across workers and restarts.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('omoi-local-sandbox-slots', 0))`;
        const running = await tx.sandbox.count({ where: { provider: "local", status: { in: ["creating", "running"] } } });
        if (running >= getEnv().LOCAL_SANDBOX_MAX) {
          return { ok: false, outcome: { spawned: false, reason: "at_capacity", retryAt: new Date(Date.now() + 5_000) } } as const;
        }
      }

      const spec = await tx.spec.findUniqueOrThrow({
        where: { id: specId },
        select: { id: true, projectId: true, userId: true, project: { select: { repoUrl: true, defaultBranch: true } } },
      });
      const sandbox = await tx.sandbox.create({
        data: { provider: provider.name, purpose: "spec", specId, status: "creating", startPhase, lastHeartbeatAt: new Date() },
        select: { id: true },
      });
      await resumeSpecAt(tx, specId, startPhase);
      return { ok: true, sandbox, startPhase, spec } as const;
    });
  } catch (error) {
    // The partial unique index caught a race the lock did not (e.g. a spawn from an older code path).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, outcome: { spawned: false, reason: "already_live" } };
    }
    throw error;
  }
}
