import { addDays, createFormats, dateKey } from "../shared/formats";
import { type SessionState, sessionState } from "../shared/session-state";
import { api, type Slot } from "./api";
import { byId } from "./dom";
import { groupByDate, type ListContext, readRenderedSlots, renderDays } from "./session-list";
import type { PageSettings } from "./settings";
import { mondayOf, renderWeekPicker, type WeekModel } from "./week-picker";

/**
 * The session list: the slots of the whole range (one request, at most 92 dates), shown one day
 * at a time under the week picker. Owns the chosen session.
 */
export class Sessions {
  readonly #settings: PageSettings;
  readonly #form: HTMLFormElement;
  readonly #days = byId("session-days");
  readonly #status = byId("sessions-status");
  readonly #picker = byId("week-picker");
  #slots = new Map<string, Slot>();
  #zone = "";
  #firstDate = "";
  #lastDate = "";
  #week = "";
  #selectedDate: string | null = null;
  #loading = 0;
  /** Called whenever the chosen session may have changed. */
  onChosen: () => void = () => {};
  /** This visitor's own hold: its seats count as free for them (the API counts them as held). */
  ownHold: () => { sessionId: string; quantity: number } | null = () => null;

  constructor(settings: PageSettings, form: HTMLFormElement) {
    this.#settings = settings;
    this.#form = form;
  }

  get zone() {
    return this.#zone;
  }

  chosen(): Slot | null {
    const input = this.#form.querySelector<HTMLInputElement>('input[name="session_id"]:checked');
    return input ? (this.#slots.get(input.value) ?? null) : null;
  }

  /** Open, waitlist or full, as the list shows the session. */
  stateOf(slot: Slot): SessionState {
    return sessionState(slot, this.#settings.waitlist) ?? "full";
  }

  /** Takes over the list the server rendered (no request), drawn again in the page's locale. */
  adopt(): void {
    const data = this.#days.dataset;
    this.#zone = data.zone ?? this.#settings.organizationZone;
    this.#firstDate = data.from ?? "";
    this.#lastDate = data.to ?? "";
    const kept = this.chosen()?.session_id ?? null;
    this.#slots = new Map(readRenderedSlots(this.#days).map((slot) => [slot.session_id, slot]));
    this.#show(kept, null);
  }

  /** Loads the range again, from today in `zone`: after a zone switch or a failed booking. */
  async reload(zone: string): Promise<void> {
    const ticket = ++this.#loading;
    const kept = this.chosen()?.session_id ?? null;
    const from = dateKey(Date.now(), zone);
    const to = addDays(from, this.#settings.rangeDays - 1);
    this.#setStatus("Loading sessions…");
    this.#days.setAttribute("aria-busy", "true");
    const query = new URLSearchParams({ include_unbookable: "true", timezone: zone, from, to });
    const id = encodeURIComponent(this.#settings.experienceId);
    const res = await api(`/public/experiences/${id}/slots?${query}`);
    if (ticket !== this.#loading) return;
    this.#days.removeAttribute("aria-busy");
    if (res.status === 400 && zone !== this.#settings.organizationZone) {
      return this.reload(this.#settings.organizationZone);
    }
    if (res.status !== 200) {
      this.#setStatus(
        res.status === 429
          ? "Too many requests. Please wait a few seconds and reload the page."
          : "Sessions could not be loaded. Please reload the page.",
      );
      return;
    }
    const offered = (res.body.data as Slot[])
      .map((slot) => this.#withOwnHold(slot))
      .filter((slot) => sessionState(slot, this.#settings.waitlist) !== null);
    this.#slots = new Map(offered.map((slot) => [slot.session_id, slot]));
    Object.assign(this.#days.dataset, { zone, from, to });
    this.#zone = zone;
    this.#firstDate = from;
    this.#lastDate = to;
    this.#show(kept, this.#selectedDate);
  }

  /** The seats this visitor holds are theirs to book: shown as left, not as held. */
  #withOwnHold(slot: Slot): Slot {
    const own = this.ownHold();
    if (!own || own.sessionId !== slot.session_id) return slot;
    const seats = slot.seats_available + own.quantity;
    const freed = slot.unbookable_reason === "full" && seats > 0;
    return {
      ...slot,
      seats_available: seats,
      seats_held: Math.max(0, slot.seats_held - own.quantity),
      bookable: slot.bookable || freed,
      unbookable_reason: freed ? null : slot.unbookable_reason,
    };
  }

  #context(): ListContext {
    const { locale, providers, waitlist } = this.#settings;
    return { zone: this.#zone, formats: createFormats(locale, this.#zone), providers, waitlist };
  }

  /** Draws the list and the picker, keeps the chosen session when it is still open. */
  #show(kept: string | null, preferredDate: string | null): void {
    renderDays(this.#days, [...this.#slots.values()], this.#context());
    const keptSlot = kept ? this.#slots.get(kept) : undefined;
    // A session that filled up stays chosen when it offers its waitlist instead.
    if (keptSlot && this.stateOf(keptSlot) !== "full") {
      const input = this.#form.querySelector<HTMLInputElement>(
        `input[value="${CSS.escape(keptSlot.session_id)}"]`,
      );
      if (input) input.checked = true;
    }
    const dates = this.#dateCounts();
    const keptDate = keptSlot ? dateKey(Date.parse(keptSlot.start), this.#zone) : null;
    const date = [keptDate, preferredDate].find((d) => d && dates.has(d)) ?? this.#firstOpenDate();
    this.#selectDate(date ?? null);
    const open = [...this.#slots.values()].some((slot) => this.stateOf(slot) !== "full");
    if (open) this.#status.hidden = true;
    else
      this.#setStatus(
        this.#slots.size
          ? "All sessions in this period are full."
          : "No sessions are open for booking in this period.",
      );
    this.onChosen();
  }

  #dateCounts(): WeekModel["days"] {
    const counts: WeekModel["days"] = new Map();
    for (const [date, slots] of groupByDate(this.#slots.values(), this.#zone)) {
      const open = slots.filter((slot) => this.stateOf(slot) === "open").length;
      counts.set(date, { open, full: slots.length - open });
    }
    return counts;
  }

  #firstOpenDate(): string | undefined {
    const counts = this.#dateCounts();
    return [...counts].find(([, c]) => c.open > 0)?.[0] ?? [...counts.keys()][0];
  }

  #selectDate(date: string | null): void {
    this.#selectedDate = date;
    this.#week = mondayOf(date ?? this.#firstDate);
    for (const day of this.#days.querySelectorAll<HTMLElement>(".day")) {
      day.hidden = day.dataset.date !== date;
    }
    this.#renderPicker();
  }

  #showWeek(monday: string): void {
    const counts = this.#dateCounts();
    const dates = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
    const date =
      dates.find((d) => (counts.get(d)?.open ?? 0) > 0) ?? dates.find((d) => counts.has(d));
    if (date) {
      this.#selectDate(date);
      return;
    }
    this.#selectedDate = null;
    this.#week = monday;
    for (const day of this.#days.querySelectorAll<HTMLElement>(".day")) day.hidden = true;
    this.#renderPicker();
  }

  #renderPicker(): void {
    const model: WeekModel = {
      firstDate: this.#firstDate,
      lastDate: this.#lastDate,
      days: this.#dateCounts(),
      week: this.#week,
      selected: this.#selectedDate,
    };
    renderWeekPicker(this.#picker, model, this.#settings.locale, {
      onWeek: (monday) => this.#showWeek(monday),
      onDay: (date) => this.#selectDate(date),
    });
    const empty = this.#selectedDate === null && this.#slots.size > 0;
    byId("week-empty").hidden = !empty;
  }

  #setStatus(text: string): void {
    this.#status.textContent = text;
    this.#status.hidden = false;
  }
}
