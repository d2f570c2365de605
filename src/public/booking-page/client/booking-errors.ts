import { seatsText } from "../shared/formats";
import type { ApiError, ApiResponse } from "./api";
import { showFieldError } from "./form-fields";

/** What the form does after a refused booking: show a message, and maybe reload the list. */
export type Refusal =
  | { kind: "message"; text: string; reload: boolean }
  | { kind: "closed"; title: string; text: string };

const WINDOW_REASONS: Record<string, string> = {
  too_soon: "This session starts too soon to be booked online.",
  past: "This session has already started.",
  too_far: "This session cannot be booked yet.",
};

function closed(code: string): Refusal {
  return code === "registration_closed"
    ? {
        kind: "closed",
        title: "Registration is closed",
        text: "This experience stopped taking bookings while you were on the page.",
      }
    : {
        kind: "closed",
        title: "This experience is no longer available",
        text: "It was withdrawn while you were on the page. No booking was made.",
      };
}

function validation(body: ApiError): Refusal {
  const fields = body.details?.fieldErrors ?? {};
  const placed = Object.entries(fields).filter(([path, messages]) =>
    showFieldError(path.replace(/^contact\./, ""), messages[0] ?? "Please check this field."),
  );
  const text = placed.length
    ? "Please check the highlighted fields."
    : (body.error ?? "Please check your details.");
  return { kind: "message", text, reload: false };
}

/** Every error of POST /public/experiences/{id}/bookings, in the visitor's words. */
export function refusalOf(res: ApiResponse): Refusal {
  const body: ApiError = res.body ?? {};
  const code = body.code ?? "";
  if (code === "session_full") {
    const left = body.details?.seats_available ?? 0;
    const next = body.details?.waitlist_available
      ? "You can join its waitlist instead."
      : "Please choose another one.";
    const text =
      left > 0
        ? `Only ${seatsText(left)} left in this session. Please choose fewer seats.`
        : `Sorry, this session has just filled up. ${next}`;
    return { kind: "message", text, reload: true };
  }
  if (code === "registration_closed" || code === "experience_inactive") return closed(code);
  if (code === "outside_booking_window" || code === "session_unavailable" || res.status === 404) {
    const why =
      WINDOW_REASONS[body.details?.reason ?? ""] ?? "This session is no longer available.";
    return { kind: "message", text: `${why} Please choose another one.`, reload: true };
  }
  if (code === "validation_failed") return validation(body);
  if (res.status === 429) {
    const wait = res.headers.get("retry-after") ?? "a few";
    return {
      kind: "message",
      text: `Too many attempts. Please wait ${wait} seconds and try again.`,
      reload: false,
    };
  }
  const reference = body.request_id ? ` (reference ${body.request_id})` : "";
  return {
    kind: "message",
    text: `Something went wrong${reference}. Please try again.`,
    reload: false,
  };
}
