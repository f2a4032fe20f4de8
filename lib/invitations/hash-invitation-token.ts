import crypto from "node:crypto";

/** Tokens carry 256 random bits, so a fast hash is enough; only the hash is stored, the link carries the token. */
export const hashInvitationToken = (token: string) => crypto.createHash("sha256").update(`invitation:${token}`).digest("hex");

export const newInvitationToken = () => crypto.randomBytes(32).toString("base64url");
