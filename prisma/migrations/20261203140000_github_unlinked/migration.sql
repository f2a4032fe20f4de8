-- AlterTable: a person who unlinked GitHub is not re-attached by email on their next GitHub sign-in.
ALTER TABLE "User" ADD COLUMN     "githubUnlinkedAt" TIMESTAMP(3);
