ALTER TABLE `experiences` ADD `revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `leased_until` integer;--> statement-breakpoint
CREATE INDEX `notifications_kept_links` ON `notifications` (`booking_id`) WHERE "notifications"."kind" IN ('booking_confirmed', 'booking_waitlisted') AND "notifications"."manage_token_ciphertext" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `recurrences` ADD `revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- SEQUENCE used to be whole seconds from the recurrence's creation to the later edit of it or its
-- experience: start each recurrence there, so no published SEQUENCE goes down (calendar clients
-- ignore an update whose SEQUENCE is lower than the one they have).
UPDATE `recurrences` SET `revision` = MAX(0, (MAX(`updated_at`, COALESCE((SELECT e.`updated_at` FROM `experiences` e WHERE e.`id` = `recurrences`.`experience_id`), 0)) - `created_at`) / 1000);
