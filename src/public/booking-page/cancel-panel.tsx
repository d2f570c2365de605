export interface CancelRequest {
  bookingId: string;
  token: string;
}

/** The target of a confirmation's cancellation link; the script posts the token on click. */
export function CancelPanel({ request, backHref }: { request: CancelRequest; backHref?: string }) {
  return (
    <section
      id="cancel-panel"
      class="card"
      aria-labelledby="cancel-title"
      data-booking-id={request.bookingId}
      data-token={request.token}
    >
      <h2 id="cancel-title">Cancel your booking</h2>
      <p>
        Booking reference <code>{request.bookingId}</code>. Cancelling frees your seats for someone
        else and cannot be undone.
      </p>
      <button type="button" id="cancel-booking" class="button danger">
        Cancel my booking
      </button>
      <p id="cancel-result" class="alert" role="status" hidden />
      {backHref ? (
        <p>
          <a href={backHref}>Back to the booking page</a>
        </p>
      ) : null}
    </section>
  );
}
