import { byId } from "./dom";

/** What the server tells the script, through the data attributes of <main id="booking-app">. */
export interface PageSettings {
  experienceId: string;
  organizationZone: string;
  /** The page's one locale for dates, times and amounts. */
  locale: string;
  maxDaysAhead: number;
  /** How many local dates the session list covers (the slots API allows 92). */
  rangeDays: number;
  /** Empty for free experiences. */
  currency: string;
  amount: number;
  /** Provider (member) ID → display name. */
  providers: Record<string, string>;
  /** The experience's waitlist (§14): a full session offers it while it has room. */
  waitlist: { enabled: boolean; maxSize: number };
}

export function readSettings(app: HTMLElement): PageSettings {
  const data = app.dataset;
  return {
    experienceId: data.experienceId ?? "",
    organizationZone: data.organizationTimezone ?? "UTC",
    locale: data.locale || "en",
    maxDaysAhead: Number(data.maxDaysAhead),
    rangeDays: Number(data.rangeDays) || 28,
    currency: data.currency ?? "",
    amount: Number(data.amount),
    providers: JSON.parse(data.providers || "{}"),
    waitlist: {
      enabled: data.waitlistEnabled === "true",
      maxSize: Number(data.waitlistMaxSize) || 0,
    },
  };
}

export const bookingApp = () => byId("booking-app");
