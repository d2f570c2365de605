import { BookingForm } from "./booking-form";
import { maybeById } from "./dom";
import { Sessions } from "./sessions";
import { readSettings } from "./settings";
import { initialZone, setupZoneSwitch } from "./zone-switch";

/**
 * The booking page's script, bundled by scripts/build-client.mjs and inlined (pinned by its
 * hash in the Content-Security-Policy). It never embeds per-request data: it reads the page's
 * data attributes, and writes server values with textContent or attributes only.
 */
function start(): void {
  const app = maybeById("booking-app");
  const form = maybeById<HTMLFormElement>("booking-form");
  if (!app || !form) return;
  const settings = readSettings(app);
  const sessions = new Sessions(settings, form);
  new BookingForm(settings, form, sessions);
  const zoneSelect = setupZoneSwitch((zone) => void sessions.reload(zone));
  const list = maybeById("session-days");
  const serverZone = list?.dataset.zone ?? settings.organizationZone;
  const zone = initialZone(serverZone, list?.dataset.zoneSource);
  zoneSelect.value = zone;
  sessions.adopt();
  if (zone !== serverZone) void sessions.reload(zone);
}

start();
