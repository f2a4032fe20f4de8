import type { FakeStep, RecordedRequest } from "@/test/fake-anthropic/fake-anthropic-server";

/**
 * A scripted stand-in for the model during a spec run, for the sample repository of test/fixtures/sample-repo.ts:
 * it looks at the workspace in EXPLORE, then submits a passing output for whichever phase's submit tool the request
 * offers. `overrides` replace a phase's submission per attempt (e.g. a bad one first, to exercise the gate).
 */
export type PhaseOverrides = Partial<Record<"explore" | "requirements" | "design" | "tasks", (attempt: number) => unknown>>;

export const SAMPLE_OUTPUTS = {
  explore: {
    summary: "A tiny Node.js ES-module service with one function, greet(name), in src/greet.js, tested with node:test.",
    techStack: ["JavaScript (ES modules)", "Node.js", "node:test"],
    keyFiles: [
      { path: "src/greet.js", purpose: "The greeting function the idea changes" },
      { path: "src/greet.test.js", purpose: "Its tests, written with node:test" },
    ],
    conventions: ["ES modules with named exports", "Tests sit next to the code as *.test.js"],
    relevantPatterns: [{ pattern: "Pure functions", description: "Logic is plain exported functions", files: ["src/greet.js"] }],
    risks: ["Callers may rely on the exact greeting text"],
    openQuestions: ["Which languages besides English?"],
  },
  requirements: {
    requirements: [
      {
        id: "REQ-GREET-001",
        title: "Greet in the requested language",
        earsType: "event_driven",
        condition: "a caller asks for a greeting with a supported language code",
        action: "return the greeting in that language",
        text: "WHEN a caller asks for a greeting with a supported language code, THE SYSTEM SHALL return the greeting in that language.",
        priority: "HIGH",
        acceptanceCriteria: ['greet("Ada", "fr") returns "Bonjour, Ada !"', 'greet("Ada", "en") returns "Hello, Ada!"'],
        dependencies: [],
      },
      {
        id: "REQ-GREET-002",
        title: "Fall back to English for unknown languages",
        earsType: "unwanted",
        condition: "the language code is not supported",
        action: "return the English greeting",
        text: "IF the language code is not supported, THEN THE SYSTEM SHALL return the English greeting.",
        priority: "MEDIUM",
        acceptanceCriteria: ['greet("Ada", "xx") returns "Hello, Ada!"', "No error is thrown for an unknown code"],
        dependencies: ["REQ-GREET-001"],
      },
    ],
    assumptions: ["Language codes are ISO 639-1"],
    outOfScope: ["Right-to-left scripts"],
  },
  design: {
    architecture:
      "## Overview\nThe greeting stays a pure function in src/greet.js. A small table maps language codes to templates, " +
      "and greet(name, lang) looks the template up, falling back to English. No other module changes, so callers that pass " +
      "one argument keep today's behaviour. The table lives next to the function because it is tiny and only greet uses it; " +
      "should it grow, it can move to its own module without changing the interface. Tests extend src/greet.test.js.",
    components: [
      { name: "greet", responsibility: "Build the greeting for a name and language", interfaces: ["greet(name: string, lang?: string): string"], files: ["src/greet.js"] },
      { name: "GREETINGS", responsibility: "Templates per language code", interfaces: ["Record<string, (name) => string>"], files: ["src/greet.js"] },
    ],
    dataModels: [],
    apiEndpoints: [],
    errorHandling: ["Unknown codes fall back to English instead of throwing"],
    testingStrategy: "Unit tests in src/greet.test.js with node:test for each language and the fallback.",
    securityNotes: ["The name is returned as given; callers escape it for HTML"],
  },
  tasks: {
    tasks: [
      {
        id: "TSK-001",
        title: "Add the greeting table",
        description: "Add a GREETINGS map (en, fr, de) to src/greet.js.",
        files: ["src/greet.js"],
        priority: "HIGH",
        estimateHours: 1,
        dependsOn: [],
        requirementRefs: ["REQ-GREET-001"],
        acceptanceCriteria: ["GREETINGS has en, fr and de"],
      },
      {
        id: "TSK-002",
        title: "Take a language in greet",
        description: "Give greet a lang parameter that picks the template, English when unknown, in src/greet.js.",
        files: ["src/greet.js"],
        priority: "HIGH",
        estimateHours: 2,
        dependsOn: ["TSK-001"],
        requirementRefs: ["REQ-GREET-001", "REQ-GREET-002"],
        acceptanceCriteria: ['greet("Ada", "fr") returns "Bonjour, Ada !"', 'greet("Ada", "xx") returns "Hello, Ada!"'],
      },
      {
        id: "TSK-003",
        title: "Test every language and the fallback",
        description: "Extend src/greet.test.js with a test per language and one for an unknown code.",
        files: ["src/greet.test.js"],
        priority: "MEDIUM",
        estimateHours: 1,
        dependsOn: ["TSK-002"],
        requirementRefs: ["REQ-GREET-002"],
        acceptanceCriteria: ["node --test passes"],
      },
    ],
  },
};

type Message = { role: string; content: string | { type: string; name?: string; id?: string }[] };

export function scriptedSpecAgent(overrides: PhaseOverrides = {}): (request: RecordedRequest) => FakeStep {
  return (request) => {
    const tools: string[] = (request.body?.tools ?? []).map((tool: { name: string }) => tool.name);
    const submit = tools.find((name) => name.startsWith("submit_"));
    const messages: Message[] = request.body?.messages ?? [];
    const calls = messages.flatMap((m) => (m.role === "assistant" && Array.isArray(m.content) ? m.content.filter((b) => b.type === "tool_use") : []));
    if (!submit) return scriptedTaskStep(messages, calls.length);
    const phase = submit.slice("submit_".length) as keyof typeof SAMPLE_OUTPUTS;
    if (phase === "explore" && calls.length === 0) return { content: [{ type: "tool_use", name: "list_dir", input: { path: "." } }] };
    // EXPLORE needs a successful read_file whatever came before (a test may have kept the agent busy listing).
    if (phase === "explore" && !calls.some((call) => call.name === "read_file")) {
      return { content: [{ type: "tool_use", name: "read_file", input: { path: "src/greet.js" } }] };
    }
    const attempt = calls.filter((call) => call.name === submit).length + 1;
    const output = overrides[phase]?.(attempt) ?? SAMPLE_OUTPUTS[phase];
    return { content: [{ type: "text", text: `Submitting ${phase}.` }, { type: "tool_use", name: submit, input: output as Record<string, unknown> }] };
  };
}

/**
 * A task agent's three steps: write a file for the ticket, commit it, complete with a verdict for every criterion
 * the prompt lists ("[id] text" lines).
 */
function scriptedTaskStep(messages: Message[], step: number): FakeStep {
  const content = messages[0]?.content ?? "";
  const prompt = typeof content === "string" ? content : content.map((block) => (block as { text?: string }).text ?? "").join("\n");
  const key = /Ticket ([A-Z]+-\d+)/.exec(prompt)?.[1] ?? "TASK";
  // Sent back (a conflict, failing integrated tests, review comments): bring the branch onto the spec branch, then
  // revise the notes, so the new delivery changes the file a reviewer commented on.
  const specBranch = /spec branch (\S+) \(origin\//.exec(prompt)?.[1];
  const sentBack = /It was sent back for this reason/.test(prompt);
  if (sentBack && step === 0) {
    return { content: [{ type: "tool_use", name: "run_command", input: { command: `git rebase origin/${specBranch} || git rebase --abort; true` } }] };
  }
  const at = sentBack ? step - 1 : step;
  if (at === 0) {
    const content = sentBack ? `# ${key}\n\nDone, revised after review.\n` : `# ${key}\n\nDone.\n`;
    return { content: [{ type: "tool_use", name: "write_file", input: { path: `notes/${key}.md`, content } }] };
  }
  if (at === 1) {
    return { content: [{ type: "tool_use", name: "run_command", input: { command: `git add -A && git commit -q -m "${key}: ${sentBack ? "revise notes" : "add notes"}"` } }] };
  }
  const verdicts = [...prompt.split(/\nThis is attempt \d+\./)[0]!.matchAll(/^- (?:\[([a-z0-9]{20,})\] )?(.+)$/gm)].slice(0, 100).map(([, id, text]) => ({
    ...(id ? { criterionId: id } : {}),
    criterion: text!.slice(0, 1000),
    met: true,
    evidence: "node --test passes",
  }));
  return { content: [{ type: "tool_use", name: "complete_task", input: { summary: `Implemented ${key}`, verdicts } }] };
}
