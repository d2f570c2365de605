import { createFormats, seatsText } from "../shared/formats";
import { byId } from "./dom";
import type { HeldSeats } from "./seat-hold";

const clock = (ms: number) => {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};

/**
 * The line under the form that says the seats are held and for how long. The sentence (a live
 * region) changes only when the hold does, so screen readers hear it once; the ticking
 * countdown beside it is visual only.
 */
export class HoldNotice {
  readonly #status = byId("hold-status");
  readonly #timer = byId("hold-timer");
  readonly #locale: string;
  readonly #zone: () => string;
  readonly #onExpired: () => void;
  #interval: ReturnType<typeof setInterval> | undefined;

  constructor(locale: string, zone: () => string, onExpired: () => void) {
    this.#locale = locale;
    this.#zone = zone;
    this.#onExpired = onExpired;
  }

  show(hold: HeldSeats | null): void {
    clearInterval(this.#interval);
    this.#timer.hidden = !hold;
    if (!hold) {
      delete this.#status.dataset.holdId;
      this.#status.textContent = "";
      return;
    }
    const until = createFormats(this.#locale, this.#zone()).time(hold.expiresAt);
    this.#status.dataset.holdId = hold.id;
    this.#status.textContent = `We're holding ${seatsText(hold.quantity)} for you until ${until} while you fill in your details.`;
    const tick = () => {
      const left = hold.expiresAt - Date.now();
      this.#timer.textContent = `${clock(left)} left`;
      if (left <= 0) this.#onExpired();
    };
    tick();
    this.#interval = setInterval(tick, 1000);
  }

  /** After show(null): why the seats are no longer held. */
  expired(): void {
    this.#status.textContent =
      "Your hold has expired, so the seats are no longer reserved. You can still book while seats are left.";
  }
}
