/**
 * Shown by the page script after a 201; every value is written with textContent, and the link
 * gets the booking's cancellation URL.
 */
export function Confirmation({ experienceId }: { experienceId: string }) {
  return (
    <section
      id="confirmation"
      class="card confirmation"
      aria-labelledby="confirmation-title"
      tabindex={-1}
      hidden
    >
      <div class="check" aria-hidden="true">
        ✓
      </div>
      <h2 id="confirmation-title">You're booked!</h2>
      <dl class="receipt">
        <dt>When</dt>
        <dd id="confirm-when" />
        <dt>Seats</dt>
        <dd id="confirm-seats" />
        <dt>Name</dt>
        <dd id="confirm-name" />
        <dt>Total</dt>
        <dd id="confirm-total" />
        <dt>Reference</dt>
        <dd id="confirm-reference" />
      </dl>
      <div class="cancel-info">
        <p>
          Keep this link: it is the only way to cancel this booking. It will not be shown again.
        </p>
        <p class="cancel-link-row">
          <a id="cancel-link" href={`/book/${encodeURIComponent(experienceId)}`}>
            Cancel this booking
          </a>
          <button type="button" id="copy-cancel-link" class="button secondary small">
            Copy link
          </button>
        </p>
      </div>
      <button type="button" id="book-another" class="button secondary">
        Book another session
      </button>
    </section>
  );
}
