CREATE TABLE `calendar_feeds` (
	`member_id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_by_token` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`type` text NOT NULL,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	`enqueued_at` integer
);
--> statement-breakpoint
CREATE INDEX `events_by_org_newest` ON `events` (`organization_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `events_not_enqueued` ON `events` (`enqueued_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `holds` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`experience_id` text NOT NULL,
	`session_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`status` text NOT NULL,
	`expires_at` integer NOT NULL,
	`booking_id` text,
	`hold_token_hash` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `holds_by_session_status` ON `holds` (`session_id`,`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `holds_by_status_expiry` ON `holds` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`booking_id` text NOT NULL,
	`event_id` text NOT NULL,
	`kind` text NOT NULL,
	`to` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`manage_token_ciphertext` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notifications_by_booking` ON `notifications` (`booking_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_by_event` ON `notifications` (`event_id`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`endpoint_id` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_response_status` integer,
	`last_error` text,
	`last_attempt_at` integer,
	`next_attempt_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_by_endpoint` ON `webhook_deliveries` (`endpoint_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_by_event` ON `webhook_deliveries` (`event_id`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`description` text NOT NULL,
	`status` text NOT NULL,
	`disabled_reason` text,
	`secret_ciphertext` text NOT NULL,
	`previous_secret_ciphertext` text,
	`previous_secret_expires_at` integer,
	`failing_since` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_by_org` ON `webhook_endpoints` (`organization_id`,`created_at`,`id`);--> statement-breakpoint
ALTER TABLE `bookings` ADD `cancelled_by` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `promoted_at` integer;--> statement-breakpoint
ALTER TABLE `bookings` ADD `rescheduled_from` text;--> statement-breakpoint
ALTER TABLE `bookings` ADD `rescheduled_at` integer;--> statement-breakpoint
ALTER TABLE `experiences` ADD `waitlist` text DEFAULT '{"enabled":false,"max_size":50}' NOT NULL;--> statement-breakpoint
ALTER TABLE `experiences` ADD `notify_customers` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `status` text DEFAULT 'scheduled' NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `cancelled_at` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `cancel_reason` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `updated_at` integer;