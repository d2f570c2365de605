// Zones the property tests sweep: DST north and south, half-hour and 30-minute-DST offsets,
// a zone that skips midnight, and one east of the date line.
export const ZONES = [
  "America/New_York",
  "Europe/Berlin",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "Asia/Kolkata",
  "America/St_Johns",
  "America/Santiago",
  "Pacific/Apia",
] as const;

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** "YYYY-MM-DD" and "HH:MM" of a wall-clock ms (local time read as UTC), without our code. */
export function splitWallMs(wallMs: number): { date: string; time: string } {
  const text = new Date(wallMs).toISOString();
  return { date: text.slice(0, 10), time: text.slice(11, 16) };
}

const WITHOUT_DST = new Set<string>(["Asia/Kolkata", "Pacific/Apia"]);

export interface TransitionSweep {
  zone: string;
  from: number;
  to: number;
  /** Known count when the range is 2026–2028 (the zones' rules are settled), else null. */
  expectedTransitions: number | null;
}

/** 2026–2028 of every zone, plus Apia's 2011 date-line jump (a skipped date) and last DST. */
export const TRANSITION_SWEEPS: TransitionSweep[] = [
  ...ZONES.map((zone) => ({
    zone,
    from: Date.UTC(2026, 0, 1),
    to: Date.UTC(2029, 0, 1),
    expectedTransitions: WITHOUT_DST.has(zone) ? 0 : 6,
  })),
  {
    zone: "Pacific/Apia",
    from: Date.UTC(2011, 0, 1),
    to: Date.UTC(2012, 4, 1),
    expectedTransitions: null,
  },
  {
    zone: "Pacific/Apia",
    from: Date.UTC(2020, 0, 1),
    to: Date.UTC(2022, 0, 1),
    expectedTransitions: null,
  },
];
