CREATE TABLE `bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`experience_id` text NOT NULL,
	`session_id` text NOT NULL,
	`recurrence_id` text NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`timezone` text NOT NULL,
	`quantity` integer NOT NULL,
	`status` text NOT NULL,
	`contact` text NOT NULL,
	`notes` text,
	`provider_id` text,
	`price` text NOT NULL,
	`refundable_until` integer NOT NULL,
	`cancelled_at` integer,
	`cancel_reason` text,
	`refund_eligible` integer,
	`cancel_token_hash` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bookings_by_session_status` ON `bookings` (`session_id`,`status`);--> statement-breakpoint
CREATE INDEX `bookings_by_org_newest` ON `bookings` (`organization_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `bookings_by_experience_status` ON `bookings` (`experience_id`,`status`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`experience_id` text NOT NULL,
	`recurrence_id` text NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`timezone` text NOT NULL,
	`local_start` text NOT NULL,
	`capacity` integer NOT NULL,
	`provider_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sessions_by_experience_start` ON `sessions` (`experience_id`,`start_at`);