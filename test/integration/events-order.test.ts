import { describe, expect, it } from "vitest";
import { callJson } from "../helpers/http";
import { createBookableExperience } from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

// §12 lists events newest first. The events of one change share their created_at: they come in
// the reverse order the change wrote them, every time (not in the order of their random ids).
describe("events of one change", () => {
  it("list newest first in reverse writing order: recurrence.created before experience.created", async () => {
    const { key } = await createTenant("UTC");
    for (let attempt = 0; attempt < 8; attempt++) {
      const { experienceId, recurrenceId } = await createBookableExperience({ key });
      const res = await callJson("GET", "/v1/events?page_size=2", { key });
      expect(res.status).toBe(200);
      const listed = res.body.data.map((e: { type: string; data: { object: { id: string } } }) => [
        e.type,
        e.data.object.id,
      ]);
      expect(listed).toEqual([
        ["recurrence.created", recurrenceId],
        ["experience.created", experienceId],
      ]);
    }
  });
});
