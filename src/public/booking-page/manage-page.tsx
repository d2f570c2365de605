import { Document, NoticePage } from "./document";
import { locationLines } from "./format";
import { CalendarIcon } from "./icons";
import type { ManageCancelOutcome, ManagedBooking } from "./manage.service";
import { bookingCalendarPath } from "./manage-link";
import { createFormats, seatsText } from "./shared/formats";

interface ManagePageProps {
  managed: ManagedBooking;
  token: string;
  locale: string;
  /** Set when the page answers the cancel form. */
  outcome?: ManageCancelOutcome | undefined;
}

const zoneLabel = (zone: string) => zone.replaceAll("_", " ");

const STATUS_LABELS: Record<string, string> = {
  confirmed: "Confirmed",
  cancelled: "Cancelled",
  waitlisted: "On the waitlist",
  expired: "Expired",
};

function StatusBadge({ status }: { status: string }) {
  return <span class={`badge badge-${status}`}>{STATUS_LABELS[status] ?? status}</span>;
}

function Receipt({ managed, locale }: { managed: ManagedBooking; locale: string }) {
  const { booking } = managed;
  const formats = createFormats(locale, booking.timezone);
  const total =
    booking.price.model === "free" || !booking.price.currency
      ? "Free"
      : formats.money(booking.price.total, booking.price.currency);
  const rows: [string, string | null][] = [
    ["When", `${formats.range(booking.start, booking.end)} (${zoneLabel(booking.timezone)})`],
    ["With", managed.providerName],
    ["Where", managed.location ? locationLines(managed.location).join(", ") : null],
    ["Seats", seatsText(booking.quantity)],
    ["Name", booking.contact.name],
    ["Total", total],
    ["Reference", booking.id],
  ];
  return (
    <dl class="receipt">
      {rows.map(([term, value]) =>
        value ? (
          <div class="receipt-row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}

function refundText(managed: ManagedBooking, locale: string): string | null {
  const { booking } = managed;
  if (booking.price.model !== "per_session") return null;
  const formats = createFormats(locale, booking.timezone);
  if (booking.status === "cancelled") {
    return booking.refund_eligible
      ? "You are eligible for a refund."
      : "It was cancelled after the refund cut-off, so it is not refundable.";
  }
  const until = formats.dateTime(booking.refundable_until);
  return Date.parse(booking.refundable_until) >= Date.now()
    ? `Cancel before ${until} for a refund.`
    : `The refund cut-off (${until}) has passed: cancelling now is not refunded.`;
}

function CancelForm({ managed, token }: { managed: ManagedBooking; token: string }) {
  return (
    <form
      id="cancel-form"
      class="cancel-form"
      method="post"
      action={`/book/manage/${encodeURIComponent(managed.booking.id)}/cancel`}
    >
      <input type="hidden" name="token" value={token} />
      <p>Cancelling frees your seats for someone else and cannot be undone.</p>
      <button type="submit" id="cancel-booking" class="button danger">
        Cancel this booking
      </button>
    </form>
  );
}

/** Who cancelled, in the customer's words; the studio's reason when it gave one. */
function cancelledLead(managed: ManagedBooking, when: string | null): string {
  const on = when ? ` on ${when}` : "";
  const reason = managed.booking.cancel_reason;
  const because = reason ? ` Reason: ${reason}${/[.!?]$/.test(reason) ? "" : "."}` : "";
  if (managed.cancelledBy === "session") return `The studio cancelled this session${on}.${because}`;
  if (managed.cancelledBy === "studio") return `The studio cancelled this booking${on}.${because}`;
  return when ? `This booking was cancelled on ${when}.` : "This booking is cancelled.";
}

function StateMessage({ managed, locale, outcome }: Omit<ManagePageProps, "token">) {
  // The outcome only matters for a refused cancel: a done one redirects to the new state.
  const { booking } = managed;
  const refund = refundText(managed, locale);
  if (booking.status === "cancelled") {
    const when = booking.cancelled_at
      ? createFormats(locale, booking.timezone).dateTime(booking.cancelled_at)
      : null;
    return (
      <p id="manage-state" class="alert alert-neutral" role="status">
        {cancelledLead(managed, when)} {refund ?? ""}
      </p>
    );
  }
  if (booking.status === "expired") {
    return (
      <p id="manage-state" class="alert alert-neutral" role="status">
        The session began before a seat freed up, so this waitlist place has expired.
      </p>
    );
  }
  if (booking.status === "waitlisted" && managed.cancellable) {
    return (
      <p id="manage-state" class="alert" role="status">
        You are on the waitlist. If a seat frees up, this booking will be confirmed automatically,
        in the order people joined.
      </p>
    );
  }
  if (!managed.cancellable) {
    return (
      <p id="manage-state" class={outcome ? "alert alert-error" : "alert"} role="status">
        The session has already begun, so this booking can no longer be cancelled.
      </p>
    );
  }
  return refund ? (
    <p id="manage-state" class="policy-note">
      {refund}
    </p>
  ) : null;
}

/** §17's manage page: the booking's real state on load, and a cancel that needs no script. */
export function ManagePage(props: ManagePageProps) {
  const { managed, token, locale } = props;
  const { booking } = managed;
  return (
    <Document title={`Your booking · ${managed.experienceName}`}>
      <main class="page" id="manage-app">
        <section class="card manage" aria-labelledby="manage-title">
          <p class="eyebrow">{managed.organizationName ?? "Your booking"}</p>
          <div class="manage-head">
            <h1 id="manage-title">{managed.experienceName}</h1>
            <StatusBadge status={booking.status} />
          </div>
          <Receipt managed={managed} locale={locale} />
          <StateMessage managed={managed} locale={locale} outcome={props.outcome} />
          <div class="actions">
            <a
              id="calendar-link"
              class="button secondary"
              href={bookingCalendarPath(booking.id, token)}
            >
              <CalendarIcon />
              Add to calendar
            </a>
            {managed.bookingPageId ? (
              <a
                class="button secondary"
                href={`/book/${encodeURIComponent(managed.bookingPageId)}`}
              >
                {booking.status === "cancelled" ? "Book again" : "Book another session"}
              </a>
            ) : null}
          </div>
          {managed.cancellable ? <CancelForm managed={managed} token={token} /> : null}
        </section>
      </main>
    </Document>
  );
}

/** A wrong token and an unknown booking look the same. */
export function ManageNotFoundPage() {
  return <NoticePage title="Not found">{null}</NoticePage>;
}
