import { CalendarIcon } from "./icons";

/** One term of a receipt; the script fills the value and may hide the whole row. */
function ReceiptRow({ id, term }: { id: string; term: string }) {
  return (
    <div id={`${id}-row`} class="receipt-row">
      <dt>{term}</dt>
      <dd id={id} />
    </div>
  );
}

/**
 * Shown by the page script after a 201; every value is written with textContent, and the links
 * get the booking's manage page and calendar file. A waitlisted booking (§14) gets its own
 * title and its position instead of the check mark and the calendar link.
 */
export function Confirmation() {
  return (
    <section
      id="confirmation"
      class="card confirmation"
      aria-labelledby="confirmation-title"
      tabindex={-1}
      hidden
    >
      <div id="confirm-check" class="check" aria-hidden="true">
        ✓
      </div>
      <h2 id="confirmation-title">You're booked!</h2>
      <p id="confirm-waitlist" class="alert waitlist-alert" hidden />
      <dl class="receipt">
        <ReceiptRow id="confirm-when" term="When" />
        <ReceiptRow id="confirm-provider" term="With" />
        <ReceiptRow id="confirm-seats" term="Seats" />
        <ReceiptRow id="confirm-name" term="Name" />
        <ReceiptRow id="confirm-total" term="Total" />
        <ReceiptRow id="confirm-reference" term="Reference" />
      </dl>
      <div class="actions">
        <a id="calendar-link" class="button secondary" href="#confirmation">
          <CalendarIcon />
          Add to calendar
        </a>
        <a id="manage-link" class="button primary" href="#confirmation">
          Manage booking
        </a>
      </div>
      <div class="manage-info">
        <p>
          Keep the link of <strong>Manage booking</strong>: it shows your booking and lets you
          cancel it. It will not be shown again.
        </p>
        <button type="button" id="copy-manage-link" class="button secondary small">
          Copy link
        </button>
      </div>
      <button type="button" id="book-another" class="button link">
        Book another session
      </button>
    </section>
  );
}
