import { describe, expect, it } from "vitest";
import type { StoredEventDto } from "@/lib/events/list-events";
import { describeEvent, labelOf, titleFromType } from "./describe-event";

const event = (type: string, data: unknown): StoredEventDto => ({
  seq: 7,
  type,
  source: "agent",
  sandboxId: "sbx1",
  taskId: null,
  data,
  createdAt: "2026-01-02T10:41:03Z",
});

describe("describeEvent", () => {
  it("titles known events in words and lists their fields with readable labels and values", () => {
    expect(describeEvent(event("task.tests_finished", { command: "npm test", exitCode: 1, passed: false }))).toEqual({
      title: "Tests finished",
      fields: [
        { label: "Command", value: "npm test", isBlock: false },
        { label: "Exit code", value: "1", isBlock: false },
        { label: "Passed", value: "No", isBlock: false },
      ],
    });
    const phase = describeEvent(event("spec.phase_completed", { phase: "design", score: 0.917, attempt: 2 }));
    expect(phase.title).toBe("Phase passed");
    expect(phase.fields.find((f) => f.label === "Score")?.value).toBe("0.92");
  });

  it("shows lists, nested objects and long text as blocks, and null as a dash", () => {
    const { fields } = describeEvent(
      event("task.completed", {
        summary: "Greets in French and German, falls back to English when the language is unknown to the service",
        commits: 3,
        verdicts: [
          { criterion: "French greeting", met: true },
          { criterion: "German greeting", met: false, evidence: null },
        ],
        files: ["src/greet.js", "src/greet.test.js"],
      }),
    );
    expect(fields.map((f) => [f.label, f.isBlock])).toEqual([["Summary", true], ["Commits", false], ["Verdicts", true], ["Files", false]]);
    expect(fields[2]!.value).toBe("• Criterion: French greeting\n  Met: Yes\n• Criterion: German greeting\n  Met: No\n  Evidence: —");
    expect(fields[3]!.value).toBe("src/greet.js, src/greet.test.js");
  });

  it("describes events it does not know from their names, and data that is not an object", () => {
    expect(describeEvent(event("llm.model_call", { inputTokens: 1200, model: "claude" }))).toEqual({
      title: "Model call",
      fields: [
        { label: "Input tokens", value: "1,200", isBlock: false },
        { label: "Model", value: "claude", isBlock: false },
      ],
    });
    expect(describeEvent(event("custom", "plain text")).fields).toEqual([{ label: "Value", value: "plain text", isBlock: false }]);
    expect(describeEvent(event("custom", null)).fields).toEqual([]);
    expect(titleFromType("task.merge_conflict")).toBe("Merge conflict");
    expect(labelOf("input_tokens")).toBe("Input tokens");
    expect(labelOf("sha")).toBe("Commit");
  });
});
