import type { ApiResponse, Slot } from "./api";
import type { Contact } from "./form-fields";
import type { HeldSeats } from "./seat-hold";

export interface BookingRequest {
  slot: Slot;
  quantity: number;
  contact: Contact;
  /** The chosen session is full and offers its waitlist (§14). */
  joinWaitlist: boolean;
  hold: HeldSeats | null;
}

/**
 * The body of POST /public/experiences/{id}/bookings: the hold converted when it is for exactly
 * this session and quantity (its seats are then the visitor's whatever is left), else a plain
 * booking, which joins the waitlist only when the visitor chose that.
 */
export function bookingBody(request: BookingRequest): { body: string; convertsHold: boolean } {
  const { slot, quantity, contact, hold } = request;
  if (hold && hold.sessionId === slot.session_id && hold.quantity === quantity) {
    const body = { hold_id: hold.id, hold_token: hold.token, quantity, contact };
    return { body: JSON.stringify(body), convertsHold: true };
  }
  const body = {
    session_id: slot.session_id,
    quantity,
    contact,
    ...(request.joinWaitlist ? { join_waitlist: true } : {}),
  };
  return { body: JSON.stringify(body), convertsHold: false };
}

/**
 * The hold could not be converted because it is gone (expired, released, or unknown to the
 * API): the page retries once as a plain booking, which the seat guard decides.
 */
export function holdWasLost(res: ApiResponse, convertsHold: boolean): boolean {
  if (!convertsHold) return false;
  const code = res.body?.code;
  return code === "hold_expired" || code === "hold_not_active" || res.status === 404;
}
