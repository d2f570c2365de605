import { api, postJson } from "./api";

/** How long the page asks the API to keep the seats (§14 allows 60–3600 s). */
export const HOLD_TTL_SECONDS = 600;

export interface HeldSeats {
  id: string;
  token: string;
  sessionId: string;
  quantity: number;
  /** Epoch ms, from the server's expires_at. */
  expiresAt: number;
}

export interface HoldTarget {
  sessionId: string;
  quantity: number;
}

/** A hold the API refused because too few seats are left (409 session_full). */
export interface HoldRefusal {
  seatsAvailable: number;
  waitlistAvailable: boolean;
}

export interface SeatHoldEvents {
  /** A hold was taken, released, converted or dropped: the notice and the list follow. */
  onChange(hold: HeldSeats | null): void;
  onRefused(refusal: HoldRefusal): void;
}

const keyOf = (target: HoldTarget | null) =>
  target ? `${target.sessionId}\n${target.quantity}` : "";

/**
 * The seats the visitor is about to book, reserved through the public holds API (§14) while
 * the form is open. `want()` names what should be held; the requests run one at a time in
 * order, each doing only what the latest wish still needs, so fast clicking never leaves a
 * stray hold behind. A hold that cannot be taken is not retried for the same session and
 * quantity: the page then books without one, which the API checks as usual.
 */
export class SeatHold {
  readonly #experienceId: string;
  readonly #events: SeatHoldEvents;
  #held: HeldSeats | null = null;
  #wanted: HoldTarget | null = null;
  /** The session and quantity last refused (or expired): not asked for again by itself. */
  #givenUp = "";
  #queue: Promise<void> = Promise.resolve();

  constructor(experienceId: string, events: SeatHoldEvents) {
    this.#experienceId = experienceId;
    this.#events = events;
  }

  get current(): HeldSeats | null {
    return this.#held && this.#held.expiresAt > Date.now() ? this.#held : null;
  }

  /** Holds `target` (releasing any other hold first), or releases everything for null. */
  want(target: HoldTarget | null): Promise<void> {
    if (keyOf(target) !== keyOf(this.#wanted)) this.#givenUp = "";
    this.#wanted = target;
    this.#queue = this.#queue.then(() => this.#apply());
    return this.#queue;
  }

  /** Resolves once every request asked for so far has been answered. */
  settled(): Promise<void> {
    return this.#queue;
  }

  /** The hold became a booking: nothing to release, and nothing to hold any more. */
  forget(): void {
    this.#wanted = null;
    this.#givenUp = "";
    this.#set(null);
  }

  /** Its time is up: the API no longer counts it, and the page stops asking for it by itself. */
  expire(): void {
    this.#givenUp = keyOf(this.#wanted);
    this.#set(null);
  }

  /**
   * The page is being left: the release must outlive it. sendBeacon is made for this, and a Blob
   * typed application/json is sent with exactly that Content-Type (what §1 requires); where a
   * browser refuses such a beacon, fetch with keepalive does the same.
   */
  releaseOnExit(): void {
    const held = this.#held;
    if (!held) return;
    this.#held = null;
    const url = this.#releasePath(held);
    const body = JSON.stringify({ hold_token: held.token });
    let sent = false;
    try {
      sent = navigator.sendBeacon(url, new Blob([body], { type: "application/json" }));
    } catch {
      sent = false;
    }
    if (!sent) {
      void fetch(url, {
        method: "POST",
        keepalive: true,
        headers: { "content-type": "application/json" },
        body,
      }).catch(() => {});
    }
  }

  async #apply(): Promise<void> {
    const target = this.#wanted;
    const key = keyOf(target);
    if (this.current && keyOf(this.#held) === key) return;
    if (this.#held) await this.#release(this.#held);
    if (!target || key === this.#givenUp) return;
    await this.#create(target);
  }

  async #create(target: HoldTarget): Promise<void> {
    const id = encodeURIComponent(this.#experienceId);
    const body = JSON.stringify({
      session_id: target.sessionId,
      quantity: target.quantity,
      ttl_seconds: HOLD_TTL_SECONDS,
    });
    const res = await postJson(`/public/experiences/${id}/holds`, body);
    if (res.status === 201) {
      const hold = res.body.data;
      this.#set({
        id: hold.id,
        token: hold.hold_token,
        sessionId: hold.session_id,
        quantity: hold.quantity,
        expiresAt: Date.parse(hold.expires_at),
      });
      // Wanted something else meanwhile: the next queued #apply releases this one.
      return;
    }
    this.#givenUp = keyOf(target);
    if (res.body?.code === "session_full") {
      this.#events.onRefused({
        seatsAvailable: res.body.details?.seats_available ?? 0,
        waitlistAvailable: res.body.details?.waitlist_available === true,
      });
    }
  }

  async #release(held: HeldSeats): Promise<void> {
    this.#set(null);
    await api(this.#releasePath(held), {
      method: "POST",
      keepalive: true,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ hold_token: held.token }),
    });
  }

  #releasePath(held: HeldSeats): string {
    return `/public/holds/${encodeURIComponent(held.id)}/release`;
  }

  #set(hold: HeldSeats | null): void {
    this.#held = hold;
    this.#events.onChange(hold);
  }
}
