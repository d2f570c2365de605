// Plain shapes the scheduling core works on; the recurrences feature maps its rows onto them.

/** 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export type Cadence =
  | { frequency: "weekly"; interval: number; days_of_week: number[] }
  | { frequency: "daily"; interval: number; days_of_week?: number[] | null }
  | { frequency: "monthly"; interval: number; day_of_month?: number | null };

export type EndCondition =
  | { type: "never" }
  | { type: "date"; until: string }
  | { type: "count"; count: number };

export interface SessionTemplate {
  start_time_of_day: string; // "HH:MM" wall-clock time in the recurrence's zone
  capacity?: number | null;
  provider_id?: string | null;
  days_of_week?: number[] | null; // null or absent: every cadence day
}

export interface RecurrenceRule {
  id: string; // "rec_..."
  timezone: string;
  start_date: string; // "YYYY-MM-DD"
  cadence: Cadence;
  end_condition: EndCondition;
  session_templates: SessionTemplate[];
  excluded_dates: string[];
}

/** The part of a rule that decides its occurrence dates. */
export type OccurrenceRule = Pick<RecurrenceRule, "start_date" | "cadence" | "end_condition">;

export interface ExpandedSession {
  session_id: string;
  recurrence_id: string;
  local_date: string; // "YYYY-MM-DD" in the recurrence's zone
  time_of_day: string; // "HH:MM" of the template (the wall time asked for, before DST moves it)
  template_index: number;
  start: number; // epoch ms
  end: number; // start + duration of elapsed time
  local_start: string; // formatLocalIso(start, rule.timezone)
}
