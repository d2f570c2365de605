import type { PublicExperience } from "../public.schemas";
import { ContactFields, QuantityField } from "./form-fields";
import { policyLines } from "./format";
import { GlobeIcon } from "./icons";
import type { SessionCalendar } from "./session-calendar";
import { SessionPicker } from "./session-picker";
import { timeZoneOptions } from "./time-zones";

/**
 * A GET form, so switching zones works without JavaScript (`?tz=` re-renders the page); the
 * page script hides its button and switches on change without a reload.
 */
function TimeZoneSwitch({ experience, calendar, lang }: Omit<BookingSectionProps, "providers">) {
  const organizationZone = experience.timezone;
  const options = timeZoneOptions(organizationZone);
  if (!options.includes(calendar.zone)) options.unshift(calendar.zone);
  return (
    <form
      id="zone-form"
      class="zone"
      method="get"
      action={`/book/${encodeURIComponent(experience.id)}`}
    >
      <GlobeIcon />
      <label for="timezone">Times in</label>
      <select id="timezone" name="tz">
        {options.map((zone) => (
          <option value={zone} selected={zone === calendar.zone}>
            {zone === organizationZone
              ? `${zone.replaceAll("_", " ")} (venue)`
              : zone.replaceAll("_", " ")}
          </option>
        ))}
      </select>
      {lang ? <input type="hidden" name="lang" value={lang} /> : null}
      <button type="submit" id="zone-submit" class="button secondary small">
        Show
      </button>
    </form>
  );
}

interface BookingSectionProps {
  experience: PublicExperience;
  calendar: SessionCalendar;
  providers: Record<string, string>;
  /** `?lang=` as given, kept by the zone switch's GET form. */
  lang?: string | undefined;
}

export function BookingSection({ experience, calendar, providers, lang }: BookingSectionProps) {
  return (
    <section id="booking" class="card" aria-labelledby="booking-title">
      <div class="section-head">
        <h2 id="booking-title">Book your place</h2>
        <TimeZoneSwitch experience={experience} calendar={calendar} lang={lang} />
      </div>
      {/* POST, and a submit button the script enables: without it, contact details never end up in a URL. */}
      <form id="booking-form" method="post" novalidate>
        <SessionPicker calendar={calendar} providers={providers} />
        <fieldset class="details">
          <legend class="step">
            <span class="step-number" aria-hidden="true">
              2
            </span>
            Your details
          </legend>
          <div class="grid">
            <ContactFields method={experience.required_contact_method} />
            <QuantityField max={experience.max_booking_quantity} />
          </div>
        </fieldset>
        <p id="waitlist-note" class="alert waitlist-note" hidden>
          This session is full. Join its waitlist: if a seat frees up, your booking will be
          confirmed automatically, in the order people joined.
        </p>
        <div class="submit-row">
          <p id="selection-summary" class="summary" aria-live="polite">
            No session selected yet.
          </p>
          <button type="submit" id="submit-booking" class="button primary" disabled>
            Book now
          </button>
        </div>
        <div class="hold-row">
          <p id="hold-status" class="hold-status" role="status" />
          <span id="hold-timer" class="hold-timer" aria-hidden="true" hidden />
        </div>
        <p id="form-error" class="alert alert-error" role="alert" hidden />
        <ul class="policies">
          {policyLines(experience).map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      </form>
    </section>
  );
}
