import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { deletedAt, displayName, revision, timestamps } from "../columns";
import { organizationRowKey } from "./tenancy";

// Nested objects of experiences and recurrences are stored as JSON: they are always read and
// replaced whole (§5, §6 PATCH semantics), never queried by their inner fields, and expansion
// needs them as one value.
export interface LocationValue {
  type: "in_person" | "online" | "phone";
  venue?: string;
  address?: string;
  city?: string;
  state?: string;
  country?: string;
  instructions?: string;
  video_link?: string;
}
export type PricingValue =
  | { model: "free" }
  | { model: "per_session"; currency: string; amount: number };
export interface WaitlistValue {
  enabled: boolean;
  max_size: number;
}
export interface SchedulingRulesValue {
  booking_window: { min_hours_before: number; max_days_ahead: number };
  cancellation_policy: { refundable_until_hours_before: number };
}

export const experiences = sqliteTable(
  "experiences",
  {
    ...organizationRowKey(),
    spaceId: text("space_id").notNull(),
    name: displayName(),
    description: text("description").notNull(),
    status: text("status", { enum: ["active", "inactive"] }).notNull(),
    registrationStatus: text("registration_status", { enum: ["open", "closed"] }).notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    defaultCapacity: integer("default_capacity").notNull(),
    maxBookingQuantity: integer("max_booking_quantity").notNull(),
    requiredContactMethod: text("required_contact_method", {
      enum: ["none", "email", "email_and_phone"],
    }).notNull(),
    providers: text("providers", { mode: "json" }).$type<string[]>().notNull(),
    location: text("location", { mode: "json" }).$type<LocationValue | null>(),
    pricing: text("pricing", { mode: "json" }).$type<PricingValue>().notNull(),
    schedulingRules: text("scheduling_rules", { mode: "json" })
      .$type<SchedulingRulesValue>()
      .notNull(),
    // §14
    waitlist: text("waitlist", { mode: "json" })
      .$type<WaitlistValue>()
      .notNull()
      .default({ enabled: false, max_size: 50 }),
    // §17
    notifyCustomers: integer("notify_customers", { mode: "boolean" }).notNull().default(true),
    ...timestamps(),
    revision: revision(),
  },
  (t) => [index("experiences_by_org_newest").on(t.organizationId, t.createdAt, t.id)],
);

export interface CadenceValue {
  frequency: "weekly" | "daily" | "monthly";
  interval: number;
  days_of_week?: number[] | null;
  day_of_month?: number | null;
}
export type EndConditionValue =
  | { type: "never" }
  | { type: "date"; until: string }
  | { type: "count"; count: number };
export interface SessionTemplateValue {
  start_time_of_day: string;
  capacity: number | null;
  provider_id: string | null;
  days_of_week: number[] | null;
}

export const recurrences = sqliteTable(
  "recurrences",
  {
    ...organizationRowKey(),
    experienceId: text("experience_id")
      .notNull()
      .references(() => experiences.id),
    providerId: text("provider_id"),
    timezone: text("timezone").notNull(),
    startDate: text("start_date").notNull(),
    cadence: text("cadence", { mode: "json" }).$type<CadenceValue>().notNull(),
    endCondition: text("end_condition", { mode: "json" }).$type<EndConditionValue>().notNull(),
    sessionTemplates: text("session_templates", { mode: "json" })
      .$type<SessionTemplateValue[]>()
      .notNull(),
    excludedDates: text("excluded_dates", { mode: "json" }).$type<string[]>().notNull(),
    status: text("status", { enum: ["active", "paused"] }).notNull(),
    ...timestamps(),
    revision: revision(),
    // Soft delete (§6): kept so materialized sessions and their bookings stay readable.
    deletedAt: deletedAt(),
  },
  (t) => [index("recurrences_by_experience").on(t.experienceId, t.createdAt)],
);
