import { describe, expect, it } from "vitest";
import { awaitsReview, deliveryState, diffVersion } from "./delivery-state";

const task = (overrides: Partial<Parameters<typeof diffVersion>[0][number]> = {}) => ({
  id: "t1",
  status: "completed" as const,
  deliveredSha: null,
  integration: null,
  integratedSha: null,
  ...overrides,
});

describe("awaitsReview", () => {
  it("holds only in Review with the latest attempt held for review", () => {
    expect(awaitsReview({ ticket: { status: "review" }, tasks: [{ integration: "review" }] })).toBe(true);
    expect(awaitsReview({ ticket: { status: "review" }, tasks: [{ integration: "review" }, { integration: null }] })).toBe(false);
    expect(awaitsReview({ ticket: { status: "testing" }, tasks: [{ integration: "review" }] })).toBe(false);
    expect(awaitsReview({ ticket: { status: "review" }, tasks: [] })).toBe(false);
  });
});

describe("deliveryState", () => {
  it("says where the work is", () => {
    expect(deliveryState({ integration: "review", integratedSha: null }, "omoi/shop/spec-1")).toBe("Waiting for review");
    expect(deliveryState({ integration: "queued", integratedSha: null }, null)).toBe("Queued for integration");
    expect(deliveryState({ integration: "integrating", integratedSha: null }, null)).toBe("Integrating: tests running on the merged result");
    expect(deliveryState({ integration: "integrated", integratedSha: "abcdef1234567" }, "omoi/shop/spec-1")).toBe("Integrated into omoi/shop/spec-1 at abcdef1");
    expect(deliveryState({ integration: null, integratedSha: null }, null)).toBeNull();
    expect(deliveryState(undefined, null)).toBeNull();
  });
});

describe("diffVersion", () => {
  it("changes with a new delivery or the latest attempt's integration, not otherwise", () => {
    const before = diffVersion([task({ deliveredSha: "d1", integration: "review" })]);
    expect(diffVersion([task({ deliveredSha: "d1", integration: "review" })])).toBe(before);
    expect(diffVersion([task({ deliveredSha: "d2", integration: "review" })])).not.toBe(before);
    expect(diffVersion([task({ deliveredSha: "d1", integration: "queued" })])).not.toBe(before);
    // A new attempt that has delivered nothing yet still shows the last delivered work.
    expect(diffVersion([task({ deliveredSha: "d1" }), task({ id: "t2", status: "running" })])).toContain("d1");
  });
});
