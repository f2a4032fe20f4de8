import crypto from "node:crypto";

/** Keys carry 256 bits of randomness, so a fast hash is enough: there is nothing to brute-force. */
export const hashApiKey = (key: string) => crypto.createHash("sha256").update(key).digest("hex");
