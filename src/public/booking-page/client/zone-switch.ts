import { byId } from "./dom";

const zoneLabel = (zone: string) => zone.replaceAll("_", " ");

/**
 * The time zone switch: a GET form without the script (`?tz=` re-renders the page); with it,
 * the browser's own zone is offered and a change reloads the sessions in place.
 */
export function setupZoneSwitch(onChange: (zone: string) => void): HTMLSelectElement {
  const select = byId<HTMLSelectElement>("timezone");
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const own = Array.from(select.options).find((option) => option.value === browserZone);
  if (browserZone && !own) {
    select.add(new Option(`${zoneLabel(browserZone)} (your zone)`, browserZone), 0);
  } else if (own && !own.textContent?.includes("(")) {
    own.textContent += " (your zone)";
  }
  byId("zone-submit").hidden = true;
  byId("zone-form").addEventListener("submit", (event) => {
    event.preventDefault();
    switchZone();
  });
  select.addEventListener("change", switchZone);

  function switchZone() {
    const url = new URL(location.href);
    url.searchParams.set("tz", select.value);
    history.replaceState(history.state, "", url);
    onChange(select.value);
  }
  return select;
}

/**
 * The zone the list should be in: the server's when it came from `?tz=` (the visitor's explicit
 * choice), else the browser's (better than geolocation or the organization's zone).
 */
export function initialZone(serverZone: string, serverSource: string | undefined): string {
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return serverSource !== "query" && browserZone ? browserZone : serverZone;
}

export { zoneLabel };
