import { describe, expect, it } from "vitest";
import { buildSessionId, parseSessionId } from "../../../src/scheduling/session-id";

describe("session ids", () => {
  it("builds ses_<recurrence body>_<YYYYMMDD>_<HHMM>", () => {
    expect(buildSessionId("rec_7Hq2LmX9pQ4rT8vW", "2027-01-04", "07:30")).toBe(
      "ses_7Hq2LmX9pQ4rT8vW_20270104_0730",
    );
  });

  it("parses what it builds", () => {
    expect(parseSessionId("ses_7Hq2LmX9pQ4rT8vW_20270104_0730")).toEqual({
      recurrenceId: "rec_7Hq2LmX9pQ4rT8vW",
      localDate: "2027-01-04",
      timeOfDay: "07:30",
    });
  });

  it("refuses to build from an id that is not a recurrence's", () => {
    expect(() => buildSessionId("exp_7Hq2LmX9pQ4rT8vW", "2027-01-04", "07:30")).toThrow(RangeError);
  });

  it.each([
    "",
    "ses_",
    "ses__20270104_0730",
    "rec_abc_20270104_0730",
    "ses_abc_20270229_0730",
    "ses_abc_20271301_0730",
    "ses_abc_2027014_0730",
    "ses_abc_20270104_2400",
    "ses_abc_20270104_0760",
    "ses_abc_20270104_730",
    "ses_abc_20270104_0730_",
    " ses_abc_20270104_0730",
    "ses_a.b_20270104_0730",
  ])("rejects the malformed id %j", (id) => {
    expect(parseSessionId(id)).toBeNull();
  });
});
