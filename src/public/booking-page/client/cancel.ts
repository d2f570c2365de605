/**
 * The cancellation link's panel: posts the token (one Idempotency-Key per attempt) and
 * explains every outcome.
 */
export const CANCEL_SCRIPT = `
  function setupCancel(panel) {
    var button = $("cancel-booking");
    var result = $("cancel-result");
    var key = null;
    button.addEventListener("click", async function () {
      button.disabled = true;
      button.textContent = "Cancelling…";
      key = key || newKey();
      var res = await postJson(
        "/public/bookings/" + encodeURIComponent(panel.dataset.bookingId) + "/cancel",
        JSON.stringify({ cancel_token: panel.dataset.token }),
        key
      );
      button.textContent = "Cancel my booking";
      if (res.status === 0) {
        button.disabled = false;
        show(result, "We could not reach the server. Check your connection and try again.", "error");
        return;
      }
      key = null;
      var code = res.body && res.body.code;
      if (res.status === 200) {
        button.hidden = true;
        var booking = res.body.data;
        var refund = "";
        if (booking.price && booking.price.model === "per_session") {
          refund = booking.refund_eligible
            ? " You are eligible for a refund."
            : " It was cancelled after the refund cut-off, so it is not refundable.";
        }
        show(result, "Your booking is cancelled." + refund, "ok");
      } else if (res.status === 409) {
        button.hidden = true;
        show(result, "This booking was already cancelled.", "ok");
      } else if (code === "session_started") {
        button.hidden = true;
        show(result, "The session has already begun, so this booking can no longer be cancelled.", "error");
      } else if (res.status === 404) {
        button.hidden = true;
        show(result, "This cancellation link is not valid. Make sure you opened the complete link from your confirmation.", "error");
      } else if (res.status === 429) {
        button.disabled = false;
        show(result, "Too many attempts. Please wait a few seconds and try again.", "error");
      } else {
        button.disabled = false;
        show(result, "Something went wrong. Please try again.", "error");
      }
    });
  }
`;
