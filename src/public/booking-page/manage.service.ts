import type { Database } from "../../db/client";
import type { LocationValue } from "../../db/schema";
import { AppError } from "../../errors";
import { presentBooking } from "../../features/bookings/bookings.presenter";
import {
  type BookingRow,
  findBookingByIdAnyOrganization,
} from "../../features/bookings/bookings.repository";
import {
  findMaterializedSession,
  type SessionRow,
} from "../../features/sessions/sessions.repository";
import { cancelTokenMatches } from "../cancel-token";
import { findExperienceWithTimezone } from "../public.repository";
import { cancelPublicBooking } from "../public.service";
import { findMemberNames, findOrganizationName } from "./page-names.repository";

export type PresentedBooking = ReturnType<typeof presentBooking>;

/** What the manage page shows of a booking: its real state, and who and where. */
export interface ManagedBooking {
  booking: PresentedBooking;
  experienceName: string;
  /** The booking page, while its experience is active. */
  bookingPageId: string | null;
  organizationName: string | null;
  providerName: string | null;
  location: LocationValue | null;
  /** Confirmed and not begun: the page offers the cancel form. */
  cancellable: boolean;
  /** Who cancelled it, as the page tells the customer: the studio, or its whole session (§15). */
  cancelledBy: "customer" | "studio" | "session" | null;
}

function cancelledByOf(row: BookingRow, session: SessionRow | undefined) {
  if (row.status !== "cancelled") return null;
  if (row.cancelledBy === "studio" && session?.status === "cancelled") return "session";
  return row.cancelledBy;
}

/**
 * The booking of a manage link, or null for an unknown booking or a wrong token (the page then
 * says only "not found", like §10's public cancel, so it never tells whether a booking exists).
 */
export async function loadManagedBooking(
  db: Database,
  bookingId: string,
  token: string | undefined,
  now: number,
): Promise<ManagedBooking | null> {
  const row = await findBookingByIdAnyOrganization(db, bookingId);
  if (!(await cancelTokenMatches(token, row?.cancelTokenHash)) || !row) return null;
  const [found, organizationName, providers, session] = await Promise.all([
    findExperienceWithTimezone(db, row.experienceId),
    findOrganizationName(db, row.organizationId),
    row.providerId ? findMemberNames(db, row.organizationId, [row.providerId]) : new Map(),
    row.status === "cancelled" ? findMaterializedSession(db, row.sessionId) : undefined,
  ]);
  const booking = presentBooking(row, now);
  return {
    booking,
    experienceName: found?.experience.name ?? "Your session",
    bookingPageId: found?.experience.status === "active" ? found.experience.id : null,
    organizationName,
    providerName: row.providerId ? (providers.get(row.providerId) ?? null) : null,
    location: found?.experience.location ?? null,
    cancellable:
      (booking.status === "confirmed" || booking.status === "waitlisted") && row.startAt > now,
    cancelledBy: cancelledByOf(row, session),
  };
}

/** How a cancel from the manage page ended: the page is shown again in its new state. */
export type ManageCancelOutcome =
  | "cancelled"
  | "already_cancelled"
  | "session_started"
  | "not_found";

const OUTCOMES: Record<string, ManageCancelOutcome> = {
  not_found: "not_found",
  booking_not_cancellable: "already_cancelled",
  session_started: "session_started",
};

/** §10's public cancel (same token check and rules), for the manage page's plain HTML form. */
export async function cancelFromManagePage(
  db: Database,
  bookingId: string,
  token: string | undefined,
  now: number,
): Promise<{ outcome: ManageCancelOutcome; organizationId?: string }> {
  try {
    const result = await cancelPublicBooking(db, {
      bookingId,
      cancelToken: token,
      idempotency: undefined,
      now,
    });
    return { outcome: "cancelled", organizationId: result.organizationId };
  } catch (error) {
    const outcome = error instanceof AppError ? OUTCOMES[error.code] : undefined;
    if (outcome) return { outcome };
    throw error;
  }
}
