import type { PublicExperience } from "../public.schemas";
import { formatMoney } from "./shared/formats";

type Location = NonNullable<PublicExperience["location"]>;

export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export function formatPrice(pricing: PublicExperience["pricing"], locale: string): string {
  if (pricing.model === "free") return "Free";
  return `${formatMoney(pricing.amount, pricing.currency, locale)} per seat`;
}

/** Address lines of an in-person location, or a one-line label for online and phone. */
export function locationLines(location: Location): string[] {
  if (location.type === "online") return [location.venue ?? "Online"];
  if (location.type === "phone") return ["By phone"];
  const address = [location.address, location.city, location.state, location.country]
    .filter(Boolean)
    .join(", ");
  return [location.venue, address].filter((line): line is string => Boolean(line));
}

export function policyLines(experience: PublicExperience): string[] {
  const { booking_window, cancellation_policy } = experience.scheduling_rules;
  const lines: string[] = [];
  if (booking_window.min_hours_before > 0) {
    lines.push(`Book at least ${hours(booking_window.min_hours_before)} before the session.`);
  }
  const cutOff = cancellation_policy.refundable_until_hours_before;
  if (experience.pricing.model === "per_session") {
    lines.push(
      cutOff === 0
        ? "Cancel before the session starts for a refund."
        : `Cancel up to ${hours(cutOff)} before the session for a refund.`,
    );
  } else {
    lines.push("You can cancel any time before the session starts.");
  }
  return lines;
}

const hours = (n: number) => (n === 1 ? "1 hour" : `${n} hours`);
