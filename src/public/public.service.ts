import type { Database } from "../db/client";
import { NotFoundError, orNotFound } from "../errors";
import { findBookingByIdAnyOrganization } from "../features/bookings/bookings.repository";
import type { PublicCreateBookingBody } from "../features/bookings/bookings.schemas";
import { cancelBooking, createBooking } from "../features/bookings/bookings.service";
import type { SlotPageQuery } from "../features/slots/slot-page";
import { publicSlotsBodyOf } from "../features/slots/slots-response";
import type { WriteRequest } from "../idempotency/idempotent-write";
import { encryptText } from "../lib/secret-box";
import { toIso } from "../lib/time";
import { manageUrl } from "./booking-page/manage-link";
import { cancelTokenMatches, issueCancelToken } from "./cancel-token";
import type { PublicExperienceRecord } from "./public.presenter";
import { findExperienceWithTimezone, replaceCancelToken } from "./public.repository";
import { requirePublicHold } from "./public-holds.service";

/** An active experience with its organization's zone; inactive ones are hidden like unknown IDs. */
export async function findActiveExperience(
  db: Database,
  experienceId: string,
): Promise<PublicExperienceRecord | undefined> {
  const found = await findExperienceWithTimezone(db, experienceId);
  return found?.experience.status === "active" ? found : undefined;
}

/** Inactive experiences are hidden from the public: 404, exactly like an unknown ID. */
export async function requireActiveExperience(
  db: Database,
  experienceId: string,
): Promise<PublicExperienceRecord> {
  return orNotFound(await findActiveExperience(db, experienceId), "Experience");
}

/** §10 slots of an active experience, as the /v1 route encodes them (bytes and ETag). */
export async function publicSlotsOf(db: Database, experienceId: string, query: SlotPageQuery) {
  const record = await requireActiveExperience(db, experienceId);
  const { organizationId } = record.experience;
  const organization = { organizationId, organizationTimezone: record.timezone };
  const body = await publicSlotsBodyOf(db, organization, experienceId, query);
  return { body, organizationId };
}

export interface PublicBookingInput extends WriteRequest {
  experienceId: string;
  body: PublicCreateBookingBody;
  encryptionKey: string | undefined;
  origin: string;
}

/**
 * §9 through createBooking, with the organization taken from the experience. An inactive
 * experience answers 422 experience_inactive like §9 (a visitor whose page was open when it was
 * retired learns why); an unknown one is 404.
 */
export async function createPublicBooking(db: Database, input: PublicBookingInput) {
  const found = await findExperienceWithTimezone(db, input.experienceId);
  if (!found) throw new NotFoundError("Experience not found");
  const organizationId = found.experience.organizationId;
  const { hold_token, ...body } = input.body;
  if (body.hold_id) await requirePublicHold(db, body.hold_id, hold_token, input.experienceId);
  const cancel = await issueCancelToken();
  const booking = await createBooking(db, {
    organizationId,
    experienceId: input.experienceId,
    body,
    idempotency: input.idempotency,
    now: input.now,
    cancelToken: cancel,
    encryptionKey: input.encryptionKey,
    origin: input.origin,
  });
  // A booking created by an earlier execution under the same Idempotency-Key (§7 crash safety)
  // carries that execution's token, which never reached the caller: issue this one instead.
  if (booking.created_at !== toIso(input.now)) {
    const link = input.encryptionKey
      ? await encryptText(input.encryptionKey, manageUrl(input.origin, booking.id, cancel.token))
      : null;
    await replaceCancelToken(db, booking.id, cancel.hash, link);
  }
  return { booking: { ...booking, cancel_token: cancel.token }, organizationId };
}

export interface PublicCancelInput extends WriteRequest {
  bookingId: string;
  cancelToken: string | undefined;
}

/**
 * A missing or wrong token is the same 404 as an unknown booking, so the route never tells
 * whether a booking ID exists. Then the §9 cancel rules (409, 422) apply.
 */
export async function cancelPublicBooking(db: Database, input: PublicCancelInput) {
  const booking = await findBookingByIdAnyOrganization(db, input.bookingId);
  if (!(await cancelTokenMatches(input.cancelToken, booking?.cancelTokenHash)) || !booking) {
    throw new NotFoundError("Booking not found");
  }
  const cancelled = await cancelBooking(db, {
    organizationId: booking.organizationId,
    bookingId: booking.id,
    reason: null,
    cancelledBy: "customer",
    idempotency: input.idempotency,
    now: input.now,
  });
  return { booking: cancelled, organizationId: booking.organizationId };
}
