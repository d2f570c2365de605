import { BOOKING_SCRIPT } from "./client/booking";
import { CANCEL_SCRIPT } from "./client/cancel";
import { SESSION_LIST_SCRIPT } from "./client/session-list";
import { SHARED_SCRIPT } from "./client/shared";

/**
 * The page's browser script, inlined as plain ES2020 (the Worker bundles no client assets; the
 * Content-Security-Policy pins it by hash, so it never embeds per-request data: it reads the
 * page's data attributes). It takes over the session list the Worker rendered, lists sessions in
 * the visitor's zone from the public slots API, books through the public bookings API and
 * cancels with a confirmation's link. Every server value reaches the DOM through textContent or attributes, never innerHTML.
 */
export const CLIENT_SCRIPT = `(function () {
  "use strict";
  var app = document.getElementById("booking-app");
  if (!app) return;
${SHARED_SCRIPT}
${SESSION_LIST_SCRIPT}
${CANCEL_SCRIPT}
${BOOKING_SCRIPT}
  var cancelPanel = $("cancel-panel");
  if (cancelPanel) setupCancel(cancelPanel);
  var form = $("booking-form");
  if (form) setupBooking(form);
})();
`;
