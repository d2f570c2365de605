import type { PublicExperience } from "../public.schemas";
import { BookingSection } from "./booking-section";
import { ClosedNotice } from "./closed-notice";
import { Confirmation } from "./confirmation";
import { Document, NoticePage } from "./document";
import { ExperienceSummary } from "./experience-summary";
import type { PageNames } from "./page-names.service";
import type { SessionCalendar } from "./session-calendar";

export interface BookingPageProps {
  experience: PublicExperience;
  names: PageNames;
  instructors: string[];
  locale: string;
  /** `?lang=` as the visitor gave it, kept by the zone switch. */
  lang?: string | undefined;
  /** The page's origin, for the calendar feed links. */
  origin: string;
  /** The sessions of the range; absent when registration is closed. */
  calendar?: SessionCalendar | undefined;
}

/**
 * The page script reads its settings from the data attributes of <main>; hono/jsx escapes them
 * like every other user-controlled value.
 */
export function BookingPage(props: BookingPageProps) {
  const { experience, names, calendar, locale } = props;
  const { pricing } = experience;
  const closed = experience.registration_status === "closed";
  const title = names.organization
    ? `Book ${experience.name} · ${names.organization}`
    : `Book ${experience.name}`;
  return (
    <Document title={title} script>
      <main
        id="booking-app"
        class="page"
        data-experience-id={experience.id}
        data-organization-timezone={experience.timezone}
        data-locale={locale}
        data-max-days-ahead={experience.scheduling_rules.booking_window.max_days_ahead}
        data-range-days={calendar?.rangeDays ?? 0}
        data-currency={pricing.model === "per_session" ? pricing.currency : ""}
        data-amount={pricing.model === "per_session" ? pricing.amount : 0}
        data-providers={JSON.stringify(names.providers)}
        data-waitlist-enabled={String(experience.waitlist.enabled)}
        data-waitlist-max-size={experience.waitlist.max_size}
      >
        <ExperienceSummary
          experience={experience}
          names={names}
          instructors={props.instructors}
          locale={locale}
          origin={props.origin}
        />
        {closed || !calendar ? (
          <ClosedNotice />
        ) : (
          <>
            <BookingSection
              experience={experience}
              calendar={calendar}
              providers={names.providers}
              lang={props.lang}
            />
            <Confirmation />
          </>
        )}
      </main>
    </Document>
  );
}

/** Unknown and inactive experiences look the same. */
export function NotFoundPage() {
  return (
    <NoticePage title="This experience is not available">
      <p>
        It may have ended, or the link may be incomplete. Please check the address or ask the
        organizer for a new link.
      </p>
    </NoticePage>
  );
}
