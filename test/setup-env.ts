import { inject } from "vitest";

// Runs in every test worker before any module reads the environment (lib/env caches its first parse).
process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET = "test-secret-that-is-long-enough-0123456789";
process.env.NEXTAUTH_URL = "http://localhost:3000";
process.env.PASSWORD_SCRYPT_N = "1024"; // the real cost is 32768; tests only need the same code path
process.env.OMOIOS_AGENT_BUNDLE = inject("agentBundlePath");
// Workers and agents run inside tests; their info and warning lines would bury the test output.
process.env.OMOIOS_LOG_LEVEL ??= "error";
// A configured model, as on a real server; only test/agent-harness and the LLM proxy tests point it anywhere.
process.env.ANTHROPIC_API_KEY ??= "sk-ant-test-key-that-reaches-nothing";
// Tests never ask GitHub: a github.com repository is looked for on a host that never resolves (RFC 6761's .invalid),
// so asking it gives "could not reach" on every machine, online or not. Tests that need one set a local folder.
process.env.GITHUB_GIT_URL ??= "https://github.invalid";
