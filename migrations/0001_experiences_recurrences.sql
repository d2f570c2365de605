CREATE TABLE `experiences` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`space_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`status` text NOT NULL,
	`registration_status` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`default_capacity` integer NOT NULL,
	`max_booking_quantity` integer NOT NULL,
	`required_contact_method` text NOT NULL,
	`providers` text NOT NULL,
	`location` text,
	`pricing` text NOT NULL,
	`scheduling_rules` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `experiences_by_org_newest` ON `experiences` (`organization_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `recurrences` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`experience_id` text NOT NULL,
	`provider_id` text,
	`timezone` text NOT NULL,
	`start_date` text NOT NULL,
	`cadence` text NOT NULL,
	`end_condition` text NOT NULL,
	`session_templates` text NOT NULL,
	`excluded_dates` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`experience_id`) REFERENCES `experiences`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recurrences_by_experience` ON `recurrences` (`experience_id`,`created_at`);