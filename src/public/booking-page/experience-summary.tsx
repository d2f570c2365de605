import type { PublicExperience } from "../public.schemas";
import { formatDuration, formatPrice, locationLines } from "./format";
import { ClockIcon, PinIcon, TagIcon } from "./icons";

/** Name, description and the facts a visitor decides on: duration, place, price. */
export function ExperienceSummary({ experience }: { experience: PublicExperience }) {
  const { location } = experience;
  return (
    <header class="card hero">
      <p class="eyebrow">Book a session</p>
      <h1>{experience.name}</h1>
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
          <span>
            <span class="visually-hidden">Price: </span>
            {formatPrice(experience.pricing)}
          </span>
        </li>
      </ul>
      {location?.instructions ? <p class="instructions">{location.instructions}</p> : null}
    </header>
  );
}
