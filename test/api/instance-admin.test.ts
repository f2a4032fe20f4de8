import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { POST as signUp } from "@/app/api/v1/auth/sign-up/route";
import { db, disconnectDb } from "@/lib/db/client";
import { DEFAULT_MIGRATIONS_DIR, migrate } from "@/lib/db/migrate";
import { reloadEnv } from "@/lib/env";
import { callRoute } from "@/test/call-route";

// "The first account" needs a database with no account yet: this file brings its own (the shared one has many).
const adminUrl = inject("adminUrl");
const sharedUrl = process.env.DATABASE_URL;
const stamp = Date.now().toString(36);
const created: string[] = [];

async function newDatabase(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  created.push(name);
  return Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
}

beforeAll(async () => {
  const url = await newDatabase(`omoios_first_${stamp}`);
  await migrate({ connectionString: url });
  await disconnectDb();
  process.env.DATABASE_URL = url;
  reloadEnv();
});

afterAll(async () => {
  await disconnectDb();
  process.env.DATABASE_URL = sharedUrl;
  reloadEnv();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  for (const name of created) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
});

const signUpAs = (name: string) =>
  callRoute(signUp, { method: "POST", body: { name, email: `${name.toLowerCase()}-${stamp}@example.test`, password: "correct horse battery" } });

/** Points the app at a new, migrated, empty database (a fresh instance). */
async function freshInstance(name: string) {
  const url = await newDatabase(`omoios_${name}_${stamp}`);
  await migrate({ connectionString: url });
  await disconnectDb();
  process.env.DATABASE_URL = url;
  reloadEnv();
}

const setEnv = (values: Record<string, string | undefined>) => {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  reloadEnv();
};

describe("the instance admin", () => {
  it("is the first account to sign up — exactly one of two racing first sign-ups — and nobody after it", async () => {
    setEnv({ SIGNUP: "open" });
    const racing = await Promise.all([signUpAs("Ada"), signUpAs("Grace")]);
    expect(racing.map((res) => res.status)).toEqual([201, 201]);
    const later = await signUpAs("Barbara");
    expect(later.status).toBe(201);

    const users = await db.user.findMany({ select: { email: true, isInstanceAdmin: true, createdAt: true }, orderBy: { createdAt: "asc" } });
    expect(users).toHaveLength(3);
    expect(users.filter((user) => user.isInstanceAdmin)).toHaveLength(1);
    expect(users.find((user) => user.email.startsWith("barbara"))!.isInstanceAdmin).toBe(false);
    // Nothing about it leaks into what the sign-up answers.
    expect(Object.keys(racing[0]!.body.user).sort()).toEqual(["email", "id", "image", "name"]);
    setEnv({ SIGNUP: undefined });
  });

  it("with SIGNUP=invite (the default): the first account can always sign up, exactly one of two racing, then nobody", async () => {
    await freshInstance("invite");
    const racing = await Promise.all([signUpAs("Hedy"), signUpAs("Radia")]);
    expect(racing.map((res) => res.status).sort()).toEqual([201, 403]);
    const refused = racing.find((res) => res.status === 403)!;
    expect(refused.body.error.message).toBe("Sign-up is by invitation: ask an admin of your organization for a link");
    expect((await signUpAs("Frances")).status).toBe(403);
    const users = await db.user.findMany({ select: { isInstanceAdmin: true, emailVerifiedAt: true } });
    // The first admin's email is as unverified as any sign-up's, unless OMOIOS_ADMIN_EMAIL vouches for it.
    expect(users).toEqual([{ isInstanceAdmin: true, emailVerifiedAt: null }]);
  });

  it("with OMOIOS_ADMIN_EMAIL: only that email creates the first account, and its email counts as verified", async () => {
    await freshInstance("admin_email");
    const adminEmail = `operator-${stamp}@example.test`;
    setEnv({ OMOIOS_ADMIN_EMAIL: adminEmail });
    try {
      expect((await signUpAs("Squatter")).status).toBe(403); // first, but not the operator
      const res = await callRoute(signUp, { method: "POST", body: { name: "Operator", email: adminEmail, password: "correct horse battery" } });
      expect(res.status).toBe(201);
      const admin = await db.user.findUniqueOrThrow({ where: { email: adminEmail } });
      expect(admin.isInstanceAdmin).toBe(true);
      expect(admin.emailVerifiedAt).not.toBeNull();
      expect(await db.user.count()).toBe(1);
    } finally {
      setEnv({ OMOIOS_ADMIN_EMAIL: undefined });
    }
  });

  it("of an existing install is its oldest account, set by the migration that introduces the flag", async () => {
    // The migrations before this one, then two accounts made in the old schema, then the rest.
    const before = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-migrations-"));
    for (const name of fs.readdirSync(DEFAULT_MIGRATIONS_DIR)) {
      if (name < "20261203090500_instance_admin") fs.cpSync(path.join(DEFAULT_MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
    }
    const url = await newDatabase(`omoios_upgrade_${stamp}`);
    await migrate({ connectionString: url, migrationsDir: before });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`INSERT INTO "User" (id, email, name, "createdAt", "updatedAt") VALUES
        ('u-newer', 'newer@example.test', 'Newer', now(), now()),
        ('u-oldest', 'oldest@example.test', 'Oldest', now() - interval '30 days', now())`);
      const result = await migrate({ connectionString: url });
      expect(result.applied).toContain("20261203090500_instance_admin");
      const { rows } = await client.query(`SELECT id, "isInstanceAdmin" FROM "User" ORDER BY id`);
      expect(rows).toEqual([
        { id: "u-newer", isInstanceAdmin: false },
        { id: "u-oldest", isInstanceAdmin: true },
      ]);
    } finally {
      await client.end();
      fs.rmSync(before, { recursive: true, force: true });
    }
  });
});
