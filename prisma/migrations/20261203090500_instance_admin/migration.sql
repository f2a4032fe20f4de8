-- AlterTable
ALTER TABLE "User" ADD COLUMN     "isInstanceAdmin" BOOLEAN NOT NULL DEFAULT false;

-- An existing install keeps working: its first account (the one that set the server up) owns it, as a new
-- instance's first sign-up would (lib/users/create-user.ts).
UPDATE "User" SET "isInstanceAdmin" = true
WHERE "id" = (SELECT "id" FROM "User" ORDER BY "createdAt" ASC, "id" ASC LIMIT 1);
