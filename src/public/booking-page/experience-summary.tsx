import type { PublicExperience } from "../public.schemas";
import { formatDuration, formatPrice, locationLines } from "./format";
import { CalendarIcon, ClockIcon, PinIcon, TagIcon, UserIcon } from "./icons";
import type { PageNames } from "./page-names.service";

/** `webcal://` opens the visitor's calendar app; the https link is for "add by URL" forms. */
export function feedLinks(origin: string, experienceId: string) {
  const url = new URL(
    `/public/experiences/${encodeURIComponent(experienceId)}/calendar.ics`,
    origin,
  );
  return { webcal: `webcal://${url.host}${url.pathname}`, https: url.href };
}

interface SummaryProps {
  experience: PublicExperience;
  names: PageNames;
  /** The experience's providers, by name. */
  instructors: string[];
  locale: string;
  /** Present on the booking page: the schedule's calendar feed. */
  origin?: string;
}

/** "Ada Lovelace and Grace Hopper": the text is English, so is the list. */
const listOf = (names: string[]) =>
  names.length ? new Intl.ListFormat("en", { type: "conjunction" }).format(names) : null;

/** Studio, name, instructors, description and the facts a visitor decides on. */
export function ExperienceSummary(props: SummaryProps) {
  const { experience, names, locale, origin } = props;
  const { location } = experience;
  const providers = listOf(props.instructors);
  const feed = origin ? feedLinks(origin, experience.id) : null;
  return (
    <header class="card hero">
      <p class="eyebrow">{names.organization ?? "Book a session"}</p>
      <h1>{experience.name}</h1>
      {providers ? (
        <p class="with">
          <UserIcon />
          <span>with {providers}</span>
        </p>
      ) : null}
      {experience.description ? <p class="description">{experience.description}</p> : null}
      <ul class="facts">
        <li>
          <ClockIcon />
          <span>
            <span class="visually-hidden">Duration: </span>
            {formatDuration(experience.duration_minutes)}
          </span>
        </li>
        {location ? (
          <li>
            <PinIcon />
            <span>
              <span class="visually-hidden">Location: </span>
              {locationLines(location).map((line) => (
                <span class="line">{line}</span>
              ))}
            </span>
          </li>
        ) : null}
        <li>
          <TagIcon />
          <span id="price">
            <span class="visually-hidden">Price: </span>
            {formatPrice(experience.pricing, locale)}
          </span>
        </li>
      </ul>
      {location?.instructions ? <p class="instructions">{location.instructions}</p> : null}
      {feed ? (
        <p class="subscribe">
          <CalendarIcon />
          <span>
            Follow the schedule in your calendar:{" "}
            <a id="subscribe-webcal" href={feed.webcal}>
              Subscribe
            </a>{" "}
            ·{" "}
            <a id="subscribe-https" href={feed.https}>
              feed URL (https)
            </a>
          </span>
        </p>
      ) : null}
    </header>
  );
}
