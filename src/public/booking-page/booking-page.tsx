import type { PublicExperience } from "../public.schemas";
import { BookingSection } from "./booking-section";
import { CancelPanel, type CancelRequest } from "./cancel-panel";
import { ClosedNotice } from "./closed-notice";
import { Confirmation } from "./confirmation";
import { Document } from "./document";
import { ExperienceSummary } from "./experience-summary";
import type { SessionCalendar } from "./session-calendar";

interface BookingPageProps {
  experience: PublicExperience;
  /** Present when the visitor followed a confirmation's cancellation link. */
  cancel?: CancelRequest;
  /** The sessions of the first weeks; absent when no booking form is shown. */
  calendar?: SessionCalendar;
}

/**
 * The page script reads its settings from the data attributes of <main>; hono/jsx escapes them
 * like every other user-controlled value.
 */
export function BookingPage({ experience, cancel, calendar }: BookingPageProps) {
  const { pricing } = experience;
  const closed = experience.registration_status === "closed";
  return (
    <Document title={`Book ${experience.name}`}>
      <main
        id="booking-app"
        class="page"
        data-experience-id={experience.id}
        data-organization-timezone={experience.timezone}
        data-max-days-ahead={experience.scheduling_rules.booking_window.max_days_ahead}
        data-currency={pricing.model === "per_session" ? pricing.currency : ""}
        data-amount={pricing.model === "per_session" ? pricing.amount : 0}
      >
        <ExperienceSummary experience={experience} />
        {cancel ? (
          <CancelPanel request={cancel} backHref={`/book/${encodeURIComponent(experience.id)}`} />
        ) : closed || !calendar ? (
          <ClosedNotice />
        ) : (
          <>
            <BookingSection experience={experience} calendar={calendar} />
            <Confirmation experienceId={experience.id} />
          </>
        )}
      </main>
    </Document>
  );
}

/**
 * Unknown and inactive experiences look the same. A cancellation link still works here: the
 * booking stays cancellable after its experience was retired.
 */
export function NotFoundPage({ cancel }: { cancel?: CancelRequest }) {
  return (
    <Document title="Experience not available">
      <main id="booking-app" class="page">
        <section class="card notice" aria-labelledby="not-found-title">
          <p class="eyebrow">404</p>
          <h1 id="not-found-title">This experience is not available</h1>
          <p>
            It may have ended, or the link may be incomplete. Please check the address or ask the
            organizer for a new link.
          </p>
        </section>
        {cancel ? <CancelPanel request={cancel} /> : null}
      </main>
    </Document>
  );
}
