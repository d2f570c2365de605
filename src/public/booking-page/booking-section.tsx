import type { PublicExperience } from "../public.schemas";
import { ContactFields, QuantityField } from "./form-fields";
import { policyLines } from "./format";
import { GlobeIcon } from "./icons";
import { timeZoneOptions } from "./time-zones";

function TimeZoneSelect({ organizationZone }: { organizationZone: string }) {
  return (
    <div class="zone">
      <GlobeIcon />
      <label for="timezone">Times in</label>
      <select id="timezone" name="timezone">
        {timeZoneOptions(organizationZone).map((zone) => (
          <option value={zone}>
            {zone === organizationZone
              ? `${zone.replaceAll("_", " ")} (venue)`
              : zone.replaceAll("_", " ")}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The sessions are listed by the page script, in the visitor's zone, from the public slots API. */
function SessionPicker() {
  return (
    <fieldset class="sessions" aria-describedby="sessions-status">
      <legend class="step">
        <span class="step-number" aria-hidden="true">
          1
        </span>
        Choose a session
      </legend>
      <p id="sessions-status" class="status" role="status">
        Loading sessions…
      </p>
      <div id="session-days" class="days" />
      <button type="button" id="more-sessions" class="button secondary" hidden>
        Show later dates
      </button>
      <noscript>
        <p class="alert">This booking page needs JavaScript to list sessions and book.</p>
      </noscript>
    </fieldset>
  );
}

export function BookingSection({ experience }: { experience: PublicExperience }) {
  return (
    <section id="booking" class="card" aria-labelledby="booking-title">
      <div class="section-head">
        <h2 id="booking-title">Book your place</h2>
        <TimeZoneSelect organizationZone={experience.timezone} />
      </div>
      <form id="booking-form" novalidate>
        <SessionPicker />
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
        <div class="submit-row">
          <p id="selection-summary" class="summary" aria-live="polite">
            No session selected yet.
          </p>
          <button type="submit" id="submit-booking" class="button primary">
            Book now
          </button>
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
