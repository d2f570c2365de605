import { addDays } from "../shared/formats";
import { element } from "./dom";

/** What the picker shows: a week of the range, which days have sessions, the chosen day. */
export interface WeekModel {
  /** The first and last local date of the list (YYYY-MM-DD). */
  firstDate: string;
  lastDate: string;
  /** Date → sessions that date offers (open ones, full ones). */
  days: Map<string, { open: number; full: number }>;
  /** The Monday of the week shown. */
  week: string;
  selected: string | null;
}

export interface WeekPickerHandlers {
  onWeek(monday: string): void;
  onDay(date: string): void;
}

/** Civil dates are labelled at noon UTC, so no zone can shift them to another day. */
const noon = (date: string) => Date.parse(`${date}T12:00:00Z`);

export function mondayOf(date: string): string {
  const weekday = new Date(noon(date)).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

function weeksOf(model: WeekModel): string[] {
  const weeks: string[] = [];
  for (let week = mondayOf(model.firstDate); week <= model.lastDate; week = addDays(week, 7)) {
    weeks.push(week);
  }
  return weeks;
}

interface Labels {
  weekday: Intl.DateTimeFormat;
  dayNumber: Intl.DateTimeFormat;
  short: Intl.DateTimeFormat;
}

function labels(locale: string): Labels {
  const utc = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { timeZone: "UTC", ...options });
  return {
    weekday: utc({ weekday: "short" }),
    dayNumber: utc({ day: "numeric" }),
    short: utc({ month: "short", day: "numeric" }),
  };
}

const sessionsText = (n: number) => (n === 1 ? "1 session" : `${n} sessions`);

/** Spoken after the visible "Mon 7" (the strip's label names the month and the week). */
function availability(date: string, model: WeekModel): string {
  const counts = model.days.get(date);
  if (date < model.firstDate || date > model.lastDate) return "not bookable";
  if (!counts) return "no sessions";
  if (counts.open === 0) return counts.full > 0 ? "fully booked" : "cancelled";
  return `${sessionsText(counts.open)} available`;
}

function dayButton(date: string, model: WeekModel, format: Labels): HTMLButtonElement {
  const counts = model.days.get(date);
  const button = element("button", "week-day");
  button.type = "button";
  button.dataset.date = date;
  button.disabled = !counts;
  button.setAttribute("aria-pressed", String(date === model.selected));
  if (counts) button.classList.add(counts.open > 0 ? "has-open" : "has-full");
  const marker = element("span", "marker");
  marker.setAttribute("aria-hidden", "true");
  button.append(
    element("span", "week-day-name", format.weekday.format(noon(date))),
    element("span", "week-day-number", format.dayNumber.format(noon(date))),
    element("span", "visually-hidden", `, ${availability(date, model)}`),
    marker,
  );
  return button;
}

function weekRange(week: string, format: Labels): string {
  return format.short.formatRange(noon(week), noon(addDays(week, 6)));
}

function navButton(id: string, label: string, arrow: string, target: string | undefined) {
  const button = element("button", "button secondary week-nav-button", arrow);
  button.type = "button";
  button.id = id;
  button.setAttribute("aria-label", label);
  button.disabled = target === undefined;
  if (target) button.dataset.week = target;
  return button;
}

function weekSelect(model: WeekModel, weeks: string[], format: Labels): HTMLSelectElement {
  const select = element("select", "week-select");
  select.id = "week-select";
  for (const week of weeks) {
    const dates = Array.from({ length: 7 }, (_, i) => addDays(week, i));
    const open = dates.some((date) => (model.days.get(date)?.open ?? 0) > 0);
    const option = new Option(
      `${weekRange(week, format)}${open ? "" : " (no open sessions)"}`,
      week,
    );
    option.selected = week === model.week;
    select.add(option);
  }
  return select;
}

/**
 * A week strip: previous/next week, a select that jumps to any week of the range, and the seven
 * days as toggle buttons (days with sessions marked, the others disabled). Arrow keys move
 * between days; screen readers hear each day's date and how many sessions it offers.
 */
export function renderWeekPicker(
  root: HTMLElement,
  model: WeekModel,
  locale: string,
  handlers: WeekPickerHandlers,
): void {
  const format = labels(locale);
  const weeks = weeksOf(model);
  const index = weeks.indexOf(model.week);
  const focused = root.contains(document.activeElement) ? document.activeElement : null;
  const focusKey = focused instanceof HTMLElement ? focused.id || focused.dataset.date : undefined;

  const selectLabel = element("label", "visually-hidden", "Week");
  selectLabel.htmlFor = "week-select";
  const select = weekSelect(model, weeks, format);
  select.addEventListener("change", () => handlers.onWeek(select.value));
  const nav = element("div", "week-nav");
  const previous = navButton("previous-week", "Previous week", "‹", weeks[index - 1]);
  const next = navButton("next-week", "Next week", "›", weeks[index + 1]);
  for (const button of [previous, next]) {
    button.addEventListener("click", () => handlers.onWeek(button.dataset.week ?? model.week));
  }
  nav.append(previous, selectLabel, select, next);

  const strip = element("div", "week-days");
  strip.setAttribute("role", "group");
  strip.setAttribute("aria-label", `Days of ${weekRange(model.week, format)}`);
  for (let i = 0; i < 7; i++) strip.append(dayButton(addDays(model.week, i), model, format));
  strip.addEventListener("click", (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>("button.week-day");
    if (button?.dataset.date) handlers.onDay(button.dataset.date);
  });
  strip.addEventListener("keydown", (event) => moveFocus(strip, event));

  root.replaceChildren(nav, strip);
  if (focusKey) restoreFocus(root, focusKey);
}

function restoreFocus(root: HTMLElement, key: string) {
  const byKey =
    root.querySelector<HTMLElement>(`#${CSS.escape(key)}:not(:disabled)`) ??
    root.querySelector<HTMLElement>(`[data-date="${CSS.escape(key)}"]:not(:disabled)`) ??
    root.querySelector<HTMLElement>('.week-day[aria-pressed="true"]') ??
    root.querySelector<HTMLElement>("#week-select");
  byKey?.focus();
}

const STEPS: Record<string, (index: number, count: number) => number> = {
  ArrowLeft: (i) => i - 1,
  ArrowRight: (i) => i + 1,
  Home: () => 0,
  End: (_, count) => count - 1,
};

/** Left/Right/Home/End among the days that have sessions. */
function moveFocus(strip: HTMLElement, event: KeyboardEvent) {
  const step = STEPS[event.key];
  if (!step) return;
  const days = Array.from(strip.querySelectorAll<HTMLButtonElement>(".week-day:not(:disabled)"));
  const current = days.indexOf(document.activeElement as HTMLButtonElement);
  const target = days[Math.max(0, Math.min(days.length - 1, step(current, days.length)))];
  if (!target) return;
  event.preventDefault();
  target.focus();
}
