ALTER TABLE `bookings` ADD `revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A booking's SEQUENCE used to be whole seconds from its creation to its last change plus one
-- per transition (promoted, rescheduled, cancelled or expired): start each booking there, so no
-- published SEQUENCE goes down (calendar clients ignore an update whose SEQUENCE is lower).
UPDATE `bookings` SET `revision` = MAX(0, (`updated_at` - `created_at`) / 1000)
  + (`promoted_at` IS NOT NULL) + (`rescheduled_at` IS NOT NULL)
  + (`status` IN ('cancelled', 'expired'));
