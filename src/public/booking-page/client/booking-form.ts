import { createFormats, seatsText } from "../shared/formats";
import { JOIN_WAITLIST } from "../shared/session-state";
import { type ApiResponse, newIdempotencyKey, type PublicBooking, postJson } from "./api";
import { refusalOf } from "./booking-errors";
import { bookingBody, holdWasLost } from "./booking-submit";
import { setupConfirmation, showConfirmation } from "./confirmation";
import { byId, element, showAlert } from "./dom";
import { checkContactFields, clearFieldError, contactOf } from "./form-fields";
import { HoldNotice } from "./hold-notice";
import { type HoldRefusal, SeatHold } from "./seat-hold";
import { providerName } from "./session-list";
import type { Sessions } from "./sessions";
import type { PageSettings } from "./settings";

/**
 * The booking form: seats within the chosen session's free seats, held for the visitor while
 * they fill it in (§14), a live summary, and a submit with one Idempotency-Key per attempt. A
 * full session that offers its waitlist turns the form into "Join the waitlist".
 */
export class BookingForm {
  readonly #settings: PageSettings;
  readonly #form: HTMLFormElement;
  readonly #sessions: Sessions;
  readonly #quantity = byId<HTMLSelectElement>("quantity");
  readonly #summary = byId("selection-summary");
  readonly #error = byId("form-error");
  readonly #submit = byId<HTMLButtonElement>("submit-booking");
  readonly #waitlistNote = byId("waitlist-note");
  readonly #hold: SeatHold;
  readonly #notice: HoldNotice;
  /** The attempt in flight: a retry of the same body reuses its key, so it never books twice. */
  #pending: { body: string; key: string } | null = null;

  constructor(settings: PageSettings, form: HTMLFormElement, sessions: Sessions) {
    this.#settings = settings;
    this.#form = form;
    this.#sessions = sessions;
    this.#notice = new HoldNotice(
      settings.locale,
      () => sessions.zone,
      () => {
        this.#hold.expire();
        this.#notice.expired();
      },
    );
    this.#hold = new SeatHold(settings.experienceId, {
      onChange: (hold) => this.#notice.show(hold),
      onRefused: (refusal) => this.#holdRefused(refusal),
    });
    sessions.ownHold = () => this.#hold.current;
    sessions.onChosen = () => this.#onChosen();
    this.#listen(form);
    setupConfirmation(() => {
      form.reset();
      void sessions.reload(sessions.zone);
    });
    this.#submit.disabled = false;
  }

  #listen(form: HTMLFormElement): void {
    form.addEventListener("change", (event) => {
      const target = event.target;
      if (target instanceof HTMLInputElement && target.name === "session_id") {
        this.#error.hidden = true;
        this.#onChosen();
      }
      if (target === this.#quantity) this.#onQuantity();
    });
    form.addEventListener("input", (event) => clearFieldError(event.target));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#send();
    });
    // Leaving the page frees the seats at once; coming back to it (back/forward cache) holds again.
    addEventListener("pagehide", () => this.#hold.releaseOnExit());
    addEventListener("pageshow", (event) => {
      if (event.persisted) this.#syncHold();
    });
  }

  #maxQuantity() {
    return Number(this.#quantity.dataset.max);
  }

  #joinsWaitlist(): boolean {
    const slot = this.#sessions.chosen();
    return slot !== null && this.#sessions.stateOf(slot) === "waitlist";
  }

  #onChosen(): void {
    const slot = this.#sessions.chosen();
    const max = this.#maxQuantity();
    // A waitlist place may ask for any quantity; the API says whether the session can ever seat it.
    const free = slot && !this.#joinsWaitlist() ? slot.seats_available : max;
    const limit = Math.max(1, Math.min(max, free));
    const current = Number(this.#quantity.value) || 1;
    this.#quantity.replaceChildren();
    for (let n = 1; n <= limit; n++) this.#quantity.add(new Option(String(n), String(n)));
    this.#quantity.value = String(Math.min(current, limit));
    this.#onQuantity();
  }

  #onQuantity(): void {
    const waitlist = this.#joinsWaitlist();
    this.#waitlistNote.hidden = !waitlist;
    this.#submit.textContent = this.#submitLabel();
    this.#updateSummary(waitlist);
    this.#syncHold();
  }

  /** Holds exactly the chosen open session and quantity; anything else releases the hold. */
  #syncHold(): void {
    const slot = this.#sessions.chosen();
    const open = slot !== null && this.#sessions.stateOf(slot) === "open";
    const quantity = Number(this.#quantity.value);
    void this.#hold.want(open && slot ? { sessionId: slot.session_id, quantity } : null);
  }

  #holdRefused({ seatsAvailable, waitlistAvailable }: HoldRefusal): void {
    const text =
      seatsAvailable > 0
        ? `Only ${seatsText(seatsAvailable)} left in this session.`
        : waitlistAvailable
          ? "Sorry, this session has just filled up. You can join its waitlist instead."
          : "Sorry, this session has just filled up. Please choose another one.";
    showAlert(this.#error, text, "error");
    void this.#sessions.reload(this.#sessions.zone);
  }

  #submitLabel(): string {
    return this.#joinsWaitlist() ? JOIN_WAITLIST : "Book now";
  }

  #updateSummary(waitlist: boolean): void {
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
    if (waitlist) parts.push("waitlist");
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
    this.#submit.disabled = true;
    this.#submit.textContent = this.#joinsWaitlist() ? "Joining…" : "Booking…";
    await this.#hold.settled();
    const request = bookingBody({
      slot,
      quantity: Number(this.#quantity.value),
      contact: contactOf(),
      joinWaitlist: this.#joinsWaitlist(),
      hold: this.#hold.current,
    });
    const res = await this.#post(request.body);
    this.#submit.disabled = false;
    this.#submit.textContent = this.#submitLabel();
    if (res.status === 0) {
      const again = this.#submitLabel();
      const text = `We could not reach the server. Check your connection and press ${again} again: you will not be booked twice.`;
      showAlert(this.#error, text, "error");
      return;
    }
    this.#pending = null;
    if (holdWasLost(res, request.convertsHold)) {
      this.#hold.expire();
      return this.#send();
    }
    if (res.status === 201) return this.#booked(res.body.data as PublicBooking, request);
    this.#refused(res);
  }

  #post(body: string): Promise<ApiResponse> {
    if (this.#pending?.body !== body) this.#pending = { body, key: newIdempotencyKey() };
    const id = encodeURIComponent(this.#settings.experienceId);
    return postJson(`/public/experiences/${id}/bookings`, body, this.#pending.key);
  }

  #booked(booking: PublicBooking, request: { convertsHold: boolean }): void {
    // A converted hold is now the booking's; any other hold is released.
    if (request.convertsHold) this.#hold.forget();
    else void this.#hold.want(null);
    const slot = this.#sessions.chosen();
    showConfirmation(booking, {
      settings: this.#settings,
      zone: this.#sessions.zone,
      provider: slot ? providerName(slot, this.#settings.providers) : null,
    });
  }

  #refused(res: ApiResponse): void {
    const refusal = refusalOf(res);
    if (refusal.kind === "closed") {
      void this.#hold.want(null);
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
