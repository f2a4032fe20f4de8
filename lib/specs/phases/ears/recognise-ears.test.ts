import { describe, expect, it } from "vitest";
import { recogniseEars } from "@/lib/specs/phases/ears/recognise-ears";
import { suggestEarsRewrite } from "@/lib/specs/phases/ears/suggest-ears-rewrite";

const parts = (sentence: string) => {
  const result = recogniseEars(sentence);
  if (!result.ok) throw new Error(`not recognised: ${sentence} (${result.reason})`);
  return result;
};

describe("recogniseEars", () => {
  it.each([
    ["The system shall log every request.", "ubiquitous", [], "system", "log every request"],
    ["When the engine is started, the control system shall illuminate the oil pressure lamp.", "event_driven", ["the engine is started"], "control system", "illuminate the oil pressure lamp"],
    ["While the aircraft is on ground, the control system shall inhibit thrust reverser stowage.", "state_driven", ["the aircraft is on ground"], "control system", "inhibit thrust reverser stowage"],
    ["If the card is declined, the checkout service shall show the decline reason.", "unwanted", ["the card is declined"], "checkout service", "show the decline reason"],
    ["If the card is declined, then the checkout service shall show the decline reason.", "unwanted", ["the card is declined"], "checkout service", "show the decline reason"],
    ["Where the car has a sunroof, the car shall have a sunroof control panel on the driver door.", "optional", ["the car has a sunroof"], "car", "have a sunroof control panel on the driver door"],
    [
      "While the aircraft is on ground, when reverse thrust is commanded, the control system shall enable deployment of the thrust reverser.",
      "complex",
      ["the aircraft is on ground", "reverse thrust is commanded"],
      "control system",
      "enable deployment of the thrust reverser",
    ],
    ["When the build finishes, OmoiOS shall post the result to the ticket.", "event_driven", ["the build finishes"], "OmoiOS", "post the result to the ticket"],
    ["When the ignition is off, the driver's door module shall lock all doors on request.", "event_driven", ["the ignition is off"], "driver's door module", "lock all doors on request"],
    ["THE `omoi` CLI SHALL exit with code 2 on invalid files.", "ubiquitous", [], "`omoi` CLI", "exit with code 2 on invalid files"],
    ["WHEN a user submits the form THEN the system SHALL show the errors", "event_driven", ["a user submits the form"], "system", "show the errors"],
    ["IF the user is not signed in THEN the system SHALL redirect to /sign-in", "unwanted", ["the user is not signed in"], "system", "redirect to /sign-in"],
    ["IF the user is not signed in, THEN the system SHALL redirect to /sign-in", "unwanted", ["the user is not signed in"], "system", "redirect to /sign-in"],
    ["WHEN a user enters name, email and password, THE SYSTEM SHALL create the account.", "event_driven", ["a user enters name, email and password"], "SYSTEM", "create the account"],
    ["WHEN a file is uploaded, IF it exceeds 10 MB, THEN THE SYSTEM SHALL reject it with a 413.", "complex", ["a file is uploaded", "it exceeds 10 MB"], "SYSTEM", "reject it with a 413"],
    ["**WHEN** a user clicks save, **THE SYSTEM SHALL** store the form.", "event_driven", ["a user clicks save"], "SYSTEM", "store the form"],
    ["The page where users sign in shall show the organisation's logo.", "ubiquitous", [], "page where users sign in", "show the organisation's logo"],
  ])("%s", (sentence, type, conditions, system, response) => {
    const result = parts(sentence);
    expect({ type: result.type, conditions: result.clauses.map((c) => c.text), system: result.system, response: result.response }).toEqual({
      type,
      conditions,
      system,
      response,
    });
  });

  it("reads SHALL NOT as a negated response and keeps the article apart from the system", () => {
    expect(parts("THE SYSTEM SHALL NOT store passwords in plain text.")).toMatchObject({ negated: true, hasArticle: true, response: "store passwords in plain text" });
    expect(parts("Acme Pay shall settle refunds within a day.")).toMatchObject({ hasArticle: false, system: "Acme Pay" });
  });

  it.each([
    ["THE SYSTEM SHALL WHEN THE SYSTEM", "keyword_soup"],
    ["WHEN WHEN, THE SYSTEM SHALL SHALL", "keyword_soup"],
    ["THE SYSTEM SHALL THE SYSTEM SHALL THE SYSTEM SHALL", "keyword_soup"],
    ["WHEN the, THE SYSTEM SHALL go.", "keyword_soup"],
    ["OmoiOS shall OmoiOS.", "keyword_soup"],
    ["Users can export data.", "ears_form"],
    ["When a user selects a theme OmoiOS shall apply it.", "ears_form"],
    ["WHEN , THE SYSTEM SHALL go.", "ears_form"],
    ["THE SYSTEM SHALL.", "ears_form"],
    ["THE SYSTEM SHALL NOT", "ears_form"],
    ["WHEN x THEN SHALL respond", "ears_form"],
    ["Upon login, the system shall show the dashboard.", "ears_form"],
    ["", "ears_form"],
  ])("refuses %j as %s", (sentence, code) => {
    const result = recogniseEars(sentence);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.code).toBe(code);
  });
});

describe("suggestEarsRewrite", () => {
  it("puts the model's own parts into the form it declared", () => {
    // A clause that lost its comma is read from the system's THE (and the gate asks for the comma).
    const runOn = recogniseEars("When the engine starts the control system shall light the lamp.");
    expect(runOn).toMatchObject({ ok: true, type: "event_driven", system: "control system", commaMissing: true, clauses: [{ keyword: "when", text: "the engine starts" }] });
    const system = { system: "control system", hasArticle: true };
    expect(suggestEarsRewrite("event_driven", { partial: { ...system, clauses: [{ keyword: "when", text: "the engine starts" }], response: "light the lamp" } })).toBe(
      "WHEN the engine starts, THE control system SHALL light the lamp.",
    );
    expect(suggestEarsRewrite("unwanted", { partial: {}, condition: "the card is declined", action: "show the reason" })).toBe(
      "IF the card is declined, THEN THE SYSTEM SHALL show the reason.",
    );
    expect(suggestEarsRewrite("ubiquitous", { partial: { system: "OmoiOS", hasArticle: false }, action: "log every push" })).toBe("OmoiOS SHALL log every push.");
    expect(suggestEarsRewrite("state_driven", { partial: {}, condition: "WHEN WHEN" })).toBe("WHILE <condition>, THE SYSTEM SHALL <response>.");
  });
});
