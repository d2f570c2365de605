import { createFormats, seatsText } from "../shared/formats";
import { newIdempotencyKey, type PublicBooking, postJson } from "./api";
import { refusalOf } from "./booking-errors";
import { setupConfirmation, showConfirmation } from "./confirmation";
import { byId, element, showAlert } from "./dom";
import { checkContactFields, clearFieldError, contactOf } from "./form-fields";
import { providerName } from "./session-list";
import type { Sessions } from "./sessions";
import type { PageSettings } from "./settings";

/**
 * The booking form: seats within the chosen session's free seats, a live summary, and a submit
 * with one Idempotency-Key per attempt.
 */
export class BookingForm {
  readonly #settings: PageSettings;
  readonly #form: HTMLFormElement;
  readonly #sessions: Sessions;
  readonly #quantity = byId<HTMLSelectElement>("quantity");
  readonly #summary = byId("selection-summary");
  readonly #error = byId("form-error");
  readonly #submit = byId<HTMLButtonElement>("submit-booking");
  /** The attempt in flight: a retry of the same body reuses its key, so it never books twice. */
  #pending: { body: string; key: string } | null = null;

  constructor(settings: PageSettings, form: HTMLFormElement, sessions: Sessions) {
    this.#settings = settings;
    this.#form = form;
    this.#sessions = sessions;
    sessions.onChosen = () => this.#onChosen();
    form.addEventListener("change", (event) => {
      const target = event.target;
      if (target instanceof HTMLInputElement && target.name === "session_id") this.#onChosen();
      if (target === this.#quantity) this.#updateSummary();
    });
    form.addEventListener("input", (event) => clearFieldError(event.target));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#send();
    });
    setupConfirmation(() => {
      form.reset();
      void sessions.reload(sessions.zone);
    });
    this.#submit.disabled = false;
  }

  #maxQuantity() {
    return Number(this.#quantity.dataset.max);
  }

  #onChosen(): void {
    const slot = this.#sessions.chosen();
    const max = this.#maxQuantity();
    const limit = Math.max(1, Math.min(max, slot ? slot.seats_available : max));
    const current = Number(this.#quantity.value) || 1;
    this.#quantity.replaceChildren();
    for (let n = 1; n <= limit; n++) this.#quantity.add(new Option(String(n), String(n)));
    this.#quantity.value = String(Math.min(current, limit));
    if (slot) this.#error.hidden = true;
    this.#updateSummary();
  }

  #updateSummary(): void {
    const slot = this.#sessions.chosen();
    if (!slot) {
      this.#summary.textContent = "No session selected yet.";
      return;
    }
    const formats = createFormats(this.#settings.locale, this.#sessions.zone);
    const seats = Number(this.#quantity.value);
    const parts = [seatsText(seats)];
    const { currency, amount } = this.#settings;
    if (currency) parts.push(formats.money(amount * seats, currency));
    this.#summary.replaceChildren(
      element("strong", undefined, formats.range(slot.start, slot.end)),
      document.createTextNode(` · ${parts.join(" · ")}`),
    );
  }

  async #send(): Promise<void> {
    this.#error.hidden = true;
    const slot = this.#sessions.chosen();
    const invalid = checkContactFields();
    if (!slot) {
      showAlert(this.#error, "Please choose a session first.", "error");
      this.#form.querySelector<HTMLElement>(".week-day[aria-pressed=true], #week-select")?.focus();
      return;
    }
    if (invalid) return invalid.focus();
    const body = JSON.stringify({
      session_id: slot.session_id,
      quantity: Number(this.#quantity.value),
      contact: contactOf(),
    });
    if (this.#pending?.body !== body) this.#pending = { body, key: newIdempotencyKey() };
    this.#submit.disabled = true;
    this.#submit.textContent = "Booking…";
    const id = encodeURIComponent(this.#settings.experienceId);
    const res = await postJson(`/public/experiences/${id}/bookings`, body, this.#pending.key);
    this.#submit.disabled = false;
    this.#submit.textContent = "Book now";
    if (res.status === 0) {
      showAlert(
        this.#error,
        "We could not reach the server. Check your connection and press Book now again: you will not be booked twice.",
        "error",
      );
      return;
    }
    this.#pending = null;
    if (res.status === 201) {
      const provider = providerName(slot, this.#settings.providers);
      const booking = res.body.data as PublicBooking;
      return showConfirmation(booking, {
        settings: this.#settings,
        zone: this.#sessions.zone,
        provider,
      });
    }
    this.#refused(res);
  }

  #refused(res: Parameters<typeof refusalOf>[0]): void {
    const refusal = refusalOf(res);
    if (refusal.kind === "closed") {
      const section = byId("booking");
      section.replaceChildren(
        element("h2", undefined, refusal.title),
        element("p", undefined, refusal.text),
      );
      return;
    }
    showAlert(this.#error, refusal.text, "error");
    if (refusal.reload) void this.#sessions.reload(this.#sessions.zone);
  }
}
