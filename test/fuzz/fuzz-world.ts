import {
  createExperience,
  createMember,
  createRecurrence,
  createSpace,
  keyRotation,
} from "../helpers/experiences";
import { bookOk, createBookableExperience, futureSessionId } from "../helpers/scheduling";
import { createApiKey, createTenant } from "../helpers/tenants";

/** The resources the fuzzed requests name: real IDs of one tenant, and one of another. */
export interface FuzzWorld {
  orgId: string;
  nextKey: () => Promise<string>;
  ids: FuzzIds;
}

interface FuzzIds {
  experience: string;
  recurrence: string;
  victimRecurrence: string;
  space: string;
  member: string;
  booking: string;
  foreignExperience: string;
  victimKey: string;
  sinkExperience: string;
}

export async function createFuzzWorld(): Promise<FuzzWorld> {
  const { orgId, key } = await createTenant("Europe/Berlin");
  const spaceId = await createSpace(key);
  const memberId = await createMember(key, spaceId);
  const { experienceId, recurrenceId } = await createBookableExperience({
    key,
    experience: { providers: [memberId], space_id: spaceId },
  });
  const victim = await createRecurrence(key, experienceId, { start_date: "2027-01-04" });
  const booking = await bookOk(key, experienceId, {
    session_id: futureSessionId(recurrenceId, 5),
    contact: { name: "Fuzz" },
  });
  const foreign = await createTenant("UTC");
  const foreignExperience = await createExperience(foreign.key);
  const victimKey = await createApiKey(orgId);
  const sink = await createExperience(key);
  return {
    orgId,
    nextKey: keyRotation(orgId, 50),
    ids: {
      experience: experienceId,
      recurrence: recurrenceId,
      victimRecurrence: victim.id,
      space: spaceId,
      member: memberId,
      booking: booking.id,
      foreignExperience: foreignExperience.id,
      victimKey: victimKey.id,
      sinkExperience: sink.id,
    },
  };
}

/** The real ID a path parameter names (DELETE gets throwaway resources), else an unknown one. */
export function idForParameter(world: FuzzWorld, name: string, path: string, method: string) {
  const { ids } = world;
  const isDelete = method === "delete";
  switch (name) {
    case "id":
      if (/\/bookings\/\{id\}/.test(path)) return ids.booking;
      // New recurrences go to an experience nobody reads, so the reads of the fixture stay
      // as cheap on the last case as on the first.
      return method === "post" && path.endsWith("/recurrences")
        ? ids.sinkExperience
        : ids.experience;
    case "experience_id":
      return ids.experience;
    case "rec_id":
      return isDelete ? ids.victimRecurrence : ids.recurrence;
    case "space_id":
      return ids.space;
    case "booking_id":
      return ids.booking;
    case "org_id":
      return world.orgId;
    case "key_id":
      return ids.victimKey;
    default:
      return `${name}_unknown0000000000000000`;
  }
}
