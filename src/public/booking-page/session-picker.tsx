import type { PageDay, PageSession, SessionCalendar } from "./session-calendar";
import { isClosed, JOIN_WAITLIST, seatsLine, slotTone, stateLabel } from "./shared/session-state";

type Providers = Record<string, string>;

const providerOf = (session: PageSession, providers: Providers) =>
  session.providerId ? (providers[session.providerId] ?? null) : null;

/**
 * A radio styled as a pill, as the page script renders it (client/session-list.ts). The data
 * attributes carry what the script needs to take the list over without fetching it again.
 */
function SessionSlot({ session, providers }: { session: PageSession; providers: Providers }) {
  const { state, seatsAvailable } = session;
  const provider = providerOf(session, providers);
  const label = [
    session.range,
    provider ? `with ${provider}` : null,
    stateLabel(state, seatsAvailable, session.waitlistSize),
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <label class={`slot${slotTone(state, seatsAvailable)}`}>
      <input
        type="radio"
        name="session_id"
        value={session.sessionId}
        disabled={isClosed(state)}
        aria-label={label}
        data-session-id={session.sessionId}
        data-start={session.start}
        data-end={session.end}
        data-seats={seatsAvailable}
        data-held={session.seatsHeld}
        data-waitlist={session.waitlistSize}
        data-state={state}
        data-provider={session.providerId ?? ""}
      />
      <time class="slot-time" datetime={session.localStart}>
        {session.timeRange}
      </time>
      {provider ? <span class="slot-provider">{provider}</span> : null}
      <span class="slot-seats">{seatsLine(state, seatsAvailable)}</span>
      {state === "waitlist" ? <span class="slot-waitlist">{JOIN_WAITLIST}</span> : null}
    </label>
  );
}

function SessionDay({ day, providers }: { day: PageDay; providers: Providers }) {
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
          <SessionSlot session={session} providers={providers} />
        ))}
      </div>
    </div>
  );
}

function statusText(calendar: SessionCalendar): string | null {
  const sessions = calendar.days.flatMap((day) => day.sessions);
  if (sessions.some((session) => session.state !== "full")) return null;
  return sessions.length
    ? "All sessions in this period are full."
    : "No sessions are open for booking in this period.";
}

interface SessionPickerProps {
  calendar: SessionCalendar;
  providers: Providers;
}

/**
 * Every session of the range (today up to the booking window, at most 92 dates), rendered by
 * the Worker so the page is readable without JavaScript. The page script takes this list over
 * (client/sessions.ts): it adds the week picker above it and shows one day at a time, or
 * reloads the list when the browser's zone differs from the one used here.
 */
export function SessionPicker({ calendar, providers }: SessionPickerProps) {
  const status = statusText(calendar);
  return (
    <fieldset class="sessions" aria-describedby="sessions-status">
      <legend class="step">
        <span class="step-number" aria-hidden="true">
          1
        </span>
        Choose a session
      </legend>
      <div id="week-picker" class="week-picker" />
      <p id="sessions-status" class="status" role="status" hidden={status === null}>
        {status}
      </p>
      <p id="week-empty" class="status" hidden>
        No sessions this week. Try the next week.
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
          <SessionDay day={day} providers={providers} />
        ))}
      </div>
      <noscript>
        <p class="alert">
          Booking needs JavaScript. Please turn it on to reserve a place; without it you can still
          browse the sessions and change the time zone.
        </p>
      </noscript>
    </fieldset>
  );
}
