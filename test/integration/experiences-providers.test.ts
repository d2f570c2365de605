import { beforeAll, describe, expect, it } from "vitest";
import {
  createExperience,
  createMember,
  createSpace,
  keyRotation,
  MINIMAL_EXPERIENCE,
} from "../helpers/experiences";
import { callJson } from "../helpers/http";
import { createTenant } from "../helpers/tenants";

describe("POST /v1/experiences: space_id and providers (§4)", () => {
  let key: string;
  let orgId: string;
  let spaceId: string;
  let otherSpaceId: string;
  let generalMember: string;
  let spaceMember: string;
  let otherSpaceMember: string;
  let foreignMember: string;
  let foreignSpaceId: string;

  beforeAll(async () => {
    ({ key, orgId } = await createTenant());
    spaceId = await createSpace(key, "Loft");
    otherSpaceId = await createSpace(key, "Garden");
    generalMember = await createMember(key, "GENERAL");
    spaceMember = await createMember(key, spaceId);
    otherSpaceMember = await createMember(key, otherSpaceId);
    const foreign = await createTenant();
    foreignSpaceId = await createSpace(foreign.key, "Foreign");
    foreignMember = await createMember(foreign.key, "GENERAL");
  });

  const post = (fields: Record<string, unknown>) =>
    callJson("POST", "/v1/experiences", { key, body: { ...MINIMAL_EXPERIENCE, ...fields } });

  it("accepts members of the experience's space and of GENERAL", async () => {
    const data = await createExperience(key, {
      space_id: spaceId,
      providers: [spaceMember, generalMember],
    });
    expect(data.providers).toEqual([spaceMember, generalMember]);
  });

  it("accepts a GENERAL member for an experience of another space", async () => {
    const data = await createExperience(key, {
      space_id: otherSpaceId,
      providers: [generalMember],
    });
    expect(data.space_id).toBe(otherSpaceId);
  });

  it.each([
    ["a member of another space", () => otherSpaceMember],
    ["a member of another organization", () => foreignMember],
    ["an unknown member", () => "sm_doesnotexist000000000"],
  ])("refuses %s with a 400 on providers.1", async (_case, provider) => {
    const { status, body } = await post({
      space_id: spaceId,
      providers: [spaceMember, provider()],
    });
    expect(status).toBe(400);
    expect(body.code).toBe("validation_failed");
    expect(Object.keys(body.details.fieldErrors)).toEqual(["providers.1"]);
  });

  it("refuses a member of the space for a GENERAL experience", async () => {
    const { status, body } = await post({ providers: [spaceMember] });
    expect(status).toBe(400);
    expect(body.details.fieldErrors["providers.0"]).toBeDefined();
  });

  it.each([
    ["an unknown space", () => "spc_doesnotexist00000000"],
    ["a space of another organization", () => foreignSpaceId],
  ])("refuses %s with a 400 on space_id", async (_case, space) => {
    const { status, body } = await post({ space_id: space() });
    expect(status).toBe(400);
    expect(body.code).toBe("validation_failed");
    expect(Object.keys(body.details.fieldErrors)).toEqual(["space_id"]);
  });

  it("accepts 50 unique providers", async () => {
    const nextKey = keyRotation(orgId);
    const providers = [];
    for (let i = 0; i < 50; i++) {
      providers.push(await createMember(await nextKey(), "GENERAL", `Member ${i}`));
    }
    const data = await createExperience(await nextKey(), { providers });
    expect(data.providers).toHaveLength(50);
  });
});
