import fc from "fast-check";
import { describe, it } from "vitest";
import { expectFeedMatchesSlots } from "../helpers/calendar";
import { createExperience, createRecurrence, keyRotation } from "../helpers/experiences";
import { feedRule } from "../helpers/feed-rule-arbitrary";
import { createTenant } from "../helpers/tenants";

describe("§13 feed exactness for random rules, through the Worker", () => {
  it("the experience feed expands to the slots of any valid recurrence", async () => {
    const tenant = await createTenant();
    const nextKey = keyRotation(tenant.orgId);
    await fc.assert(
      fc.asyncProperty(feedRule, async ({ id: _id, ...recurrence }) => {
        const experience = await createExperience(await nextKey(), { duration_minutes: 100 });
        await createRecurrence(await nextKey(), experience.id, recurrence);
        await expectFeedMatchesSlots(experience.id, "2026-12-25", "2028-01-07");
      }),
      // Each run is a dozen requests through the Worker; the pure property test runs 150.
      { numRuns: 12 },
    );
  });
});
