import type { PageDay, PageSession, SessionCalendar } from "./session-calendar";

/** Same threshold as the page script: "few seats left" pills are highlighted. */
const FEW_SEATS = 3;

const seatsText = (n: number) => (n === 1 ? "1 seat" : `${n} seats`);

/**
 * A radio styled as a pill, as the page script renders it. The data attributes carry what the
 * script needs to take the list over without fetching it again.
 */
function SessionSlot({ session, day }: { session: PageSession; day: PageDay }) {
  const { full, seatsAvailable } = session;
  const tone = full ? " full" : seatsAvailable <= FEW_SEATS ? " few" : "";
  const range = `${day.longDate}, ${session.startTime}–${session.endTime}`;
  return (
    <label class={`slot${tone}`}>
      <input
        type="radio"
        name="session_id"
        value={session.sessionId}
        disabled={full}
        aria-label={`${range}, ${full ? "full" : `${seatsText(seatsAvailable)} left`}`}
        data-session-id={session.sessionId}
        data-start={session.start}
        data-end={session.end}
        data-seats={seatsAvailable}
      />
      <time class="slot-time" datetime={session.localStart}>
        {session.startTime}
      </time>
      <span class="slot-seats">{full ? "Full" : `${seatsAvailable} left`}</span>
    </label>
  );
}

function SessionDay({ day }: { day: PageDay }) {
  const headingId = `day-${day.date}`;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a grid row (heading | pills), which a fieldset's legend cannot be; same markup as the script's
    <div class="day" role="group" aria-labelledby={headingId} data-date={day.date}>
      <h3 id={headingId} aria-label={day.longDate}>
        <span class="weekday">{day.weekday}</span>
        <span class="date">{day.shortDate}</span>
      </h3>
      <div class="slots">
        {day.sessions.map((session) => (
          <SessionSlot session={session} day={day} />
        ))}
      </div>
    </div>
  );
}

function statusText(calendar: SessionCalendar): string | null {
  const sessions = calendar.days.flatMap((day) => day.sessions);
  if (sessions.some((session) => !session.full)) return null;
  return sessions.length
    ? "All sessions in this period are full."
    : "No sessions are open for booking in this period.";
}

/**
 * The sessions of the first weeks, rendered by the Worker so the page is readable without
 * JavaScript. The page script takes this list over (see client/booking.ts): it re-renders it in
 * the visitor's locale, or reloads it when the browser's zone differs from the one used here.
 */
export function SessionPicker({ calendar }: { calendar: SessionCalendar }) {
  const status = statusText(calendar);
  return (
    <fieldset class="sessions" aria-describedby="sessions-status">
      <legend class="step">
        <span class="step-number" aria-hidden="true">
          1
        </span>
        Choose a session
      </legend>
      <p id="sessions-status" class="status" role="status" hidden={status === null}>
        {status}
      </p>
      <div
        id="session-days"
        class="days"
        data-zone={calendar.zone}
        data-zone-source={calendar.source}
        data-from={calendar.from}
        data-to={calendar.to}
      >
        {calendar.days.map((day) => (
          <SessionDay day={day} />
        ))}
      </div>
      <button type="button" id="more-sessions" class="button secondary" hidden>
        Show later dates
      </button>
      <noscript>
        <p class="alert">
          Booking needs JavaScript. Please turn it on to reserve a place; without it you can still
          browse the sessions and change the time zone.
        </p>
      </noscript>
    </fieldset>
  );
}
