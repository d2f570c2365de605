import type { Child } from "hono/jsx";
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
  const providers = listOf(props.instructors);
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
      <ExperienceFacts experience={experience} locale={locale} />
      {experience.location?.instructions ? (
        <p class="instructions">{experience.location.instructions}</p>
      ) : null}
      {origin ? <FeedLinks links={feedLinks(origin, experience.id)} /> : null}
    </header>
  );
}

/** One fact with its icon; the label is for screen readers (the icon says it to the eye). */
function Fact(props: { icon: Child; label: string; id?: string; children: Child }) {
  return (
    <li>
      {props.icon}
      <span id={props.id}>
        <span class="visually-hidden">{props.label}: </span>
        {props.children}
      </span>
    </li>
  );
}

function ExperienceFacts({ experience, locale }: { experience: PublicExperience; locale: string }) {
  const { location } = experience;
  return (
    <ul class="facts">
      <Fact icon={<ClockIcon />} label="Duration">
        {formatDuration(experience.duration_minutes)}
      </Fact>
      {location ? (
        <Fact icon={<PinIcon />} label="Location">
          {locationLines(location).map((line) => (
            <span class="line">{line}</span>
          ))}
        </Fact>
      ) : null}
      <Fact icon={<TagIcon />} label="Price" id="price">
        {formatPrice(experience.pricing, locale)}
      </Fact>
    </ul>
  );
}

function FeedLinks({ links }: { links: ReturnType<typeof feedLinks> }) {
  return (
    <p class="subscribe">
      <CalendarIcon />
      <span>
        Follow the schedule in your calendar:{" "}
        <a id="subscribe-webcal" href={links.webcal}>
          Subscribe
        </a>{" "}
        ·{" "}
        <a id="subscribe-https" href={links.https}>
          feed URL (https)
        </a>
      </span>
    </p>
  );
}
