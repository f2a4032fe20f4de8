import { describe, expect, it } from "vitest";
import { LOG_TAIL_MARGIN_BYTES, scrubLogTail } from "@/lib/sandbox/scrub-log-tail";

const TOKEN = `ghp_${"A1b2C3d4".repeat(5)}`;

describe("scrubLogTail", () => {
  it("redacts secrets with the events' scrubber and keeps the last bytes", () => {
    const raw = `curl -H "Authorization: Bearer ${"x".repeat(30)}" https://user:hunter2hunter2@example.test\nGITHUB_TOKEN=${TOKEN}\nthe last line\n`;
    const tail = scrubLogTail(raw, 1_000);
    expect(tail).not.toContain(TOKEN);
    expect(tail).not.toContain("hunter2hunter2");
    expect(tail).not.toContain("x".repeat(30));
    expect(tail).toContain("GITHUB_TOKEN=[redacted]");
    expect(tail.endsWith("the last line\n")).toBe(true);
    expect(Buffer.byteLength(scrubLogTail(`${"é".repeat(100)}end`, 11))).toBeLessThanOrEqual(11);
  });

  it("never shows the part of a secret that the read cut off at its start", () => {
    const bytes = 100;
    // The read window (bytes + margin) starts 10 characters into the token: its tail alone matches no secret shape.
    const window = bytes + LOG_TAIL_MARGIN_BYTES;
    const cut = TOKEN.slice(10);
    const head = `${cut} rest of that line\n`;
    const end = "\nlast line\n";
    const raw = `${head}${"y".repeat(window - head.length - end.length)}${end}`;
    expect(Buffer.byteLength(raw)).toBe(window);
    const tail = scrubLogTail(raw, bytes);
    expect(tail).not.toContain(cut.slice(0, 12));
    expect(tail.endsWith("y\nlast line\n")).toBe(true);

    // Where redactions shrink the text below `bytes`, the whole read is shown: the cut token's remains still are not.
    const shrinking = `${head}${`${TOKEN}\n`.repeat(200)}`;
    const big = 10_000;
    const read = `${shrinking}${"z".repeat(big + LOG_TAIL_MARGIN_BYTES - shrinking.length - end.length)}${end}`;
    const shown = scrubLogTail(read, big);
    expect(shown.startsWith(" rest of that line\n[redacted]\n")).toBe(true);
    expect(shown).not.toContain(cut.slice(0, 12));
    // A log shorter than the read is the whole log: its first word is kept.
    expect(scrubLogTail("first words\n", bytes)).toBe("first words\n");
  });
});
