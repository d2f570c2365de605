/**
 * The booking form: adopts the server-rendered sessions, loads them again for another zone, keeps the seat choice within the
 * session's free seats, submits with one Idempotency-Key per attempt, shows the confirmation.
 */
export const BOOKING_SCRIPT = String.raw`
  function setupBooking(form) {
    var RANGE_DAYS = 28;
    var data = app.dataset;
    var experienceId = data.experienceId;
    var maxDaysAhead = Number(data.maxDaysAhead);
    var zoneSelect = $("timezone");
    var days = $("session-days");
    var status = $("sessions-status");
    var more = $("more-sessions");
    var quantity = $("quantity");
    var maxQuantity = Number(quantity.dataset.max);
    var summary = $("selection-summary");
    var formError = $("form-error");
    var submit = $("submit-booking");
    var confirmation = $("confirmation");
    var section = $("booking");
    var slots = new Map();
    var state = { zone: "", firstDate: "", lastDate: "", pending: null, loading: 0 };

    var calendar = days.dataset;
    var serverZone = calendar.zone || data.organizationTimezone;
    var browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var hasOption = function (zone) { return Array.prototype.some.call(zoneSelect.options, function (o) { return o.value === zone; }); };
    if (browserZone && !hasOption(browserZone)) {
      zoneSelect.add(new Option(browserZone.replace(/_/g, " ") + " (your zone)", browserZone), 0);
    } else if (browserZone) {
      var own = Array.prototype.find.call(zoneSelect.options, function (o) { return o.value === browserZone; });
      if (own.textContent.indexOf("(") === -1) own.textContent += " (your zone)";
    }
    // The server picked its zone from ?tz= (the visitor's explicit choice: kept), else from
    // geolocation or the organization (guesses: the browser's own zone is better).
    var initialZone = calendar.zoneSource !== "query" && browserZone ? browserZone : serverZone;

    // Without this script the zone form reloads the page and the booking form cannot be sent.
    $("zone-submit").hidden = true;
    $("zone-form").addEventListener("submit", function (event) { event.preventDefault(); switchZone(); });
    submit.disabled = false;

    zoneSelect.addEventListener("change", switchZone);
    more.addEventListener("click", function () {
      loadRange(addDays(state.lastDate, 1), addDays(state.lastDate, RANGE_DAYS), true);
    });
    form.addEventListener("change", function (event) {
      if (event.target.name === "session_id") onSessionChosen();
      if (event.target === quantity) updateSummary();
    });
    form.addEventListener("input", function (event) { clearFieldError(event.target); });
    form.addEventListener("submit", function (event) { event.preventDefault(); submitBooking(); });
    $("book-another").addEventListener("click", function () {
      confirmation.hidden = true;
      section.hidden = false;
      form.reset();
      zoneSelect.value = state.zone;
      loadFirstRange();
      section.scrollIntoView({ behavior: "smooth", block: "start" });
    });
    $("copy-cancel-link").addEventListener("click", async function (event) {
      try {
        await navigator.clipboard.writeText($("cancel-link").href);
        event.target.textContent = "Copied";
      } catch (e) {
        event.target.textContent = "Copy failed: select the link instead";
      }
    });

    adoptServerList();

    /**
     * Takes over the list the server rendered: its sessions become the script's state, then it
     * is drawn again in the browser's locale, or replaced when the browser's zone differs.
     */
    function adoptServerList() {
      var keep = form.querySelector('input[name="session_id"]:checked');
      form.querySelectorAll('input[name="session_id"]').forEach(function (input) {
        slots.set(input.value, {
          session_id: input.value,
          start: input.dataset.start,
          end: input.dataset.end,
          seats_available: Number(input.dataset.seats),
          bookable: !input.disabled,
        });
      });
      state.zone = serverZone;
      state.firstDate = calendar.from;
      state.lastDate = calendar.to;
      state.keep = keep ? keep.value : null;
      if (initialZone !== serverZone) {
        zoneSelect.value = initialZone;
        return loadFirstRange();
      }
      zoneSelect.value = serverZone;
      days.replaceChildren();
      renderDays(days, Array.from(slots.values()), serverZone);
      showList();
    }

    /** A choice of the visitor: loaded without a reload, and kept in the address for one. */
    function switchZone() {
      var url = new URL(location.href);
      url.searchParams.set("tz", zoneSelect.value);
      history.replaceState(history.state, "", url);
      loadFirstRange();
    }

    function loadFirstRange() {
      state.zone = zoneSelect.value;
      var today = dateKey(Date.now(), state.zone);
      state.firstDate = today;
      loadRange(today, addDays(today, RANGE_DAYS - 1), false);
    }

    async function loadRange(from, to, append) {
      var ticket = ++state.loading;
      var zone = state.zone;
      more.hidden = true;
      status.hidden = false;
      status.textContent = "Loading sessions…";
      days.setAttribute("aria-busy", "true");
      if (!append) {
        var selected = selectedSlot();
        state.keep = selected ? selected.session_id : null;
      }
      var url = "/public/experiences/" + encodeURIComponent(experienceId) + "/slots?include_unbookable=true" +
        "&timezone=" + encodeURIComponent(zone) + "&from=" + from + "&to=" + to;
      var res = await api(url);
      if (ticket !== state.loading) return;
      days.removeAttribute("aria-busy");
      if (res.status === 400 && zone !== data.organizationTimezone && !append) {
        zoneSelect.value = data.organizationTimezone;
        return loadFirstRange();
      }
      if (res.status !== 200) {
        // The list on screen is still right in its own zone: keep the switch in step with it.
        if (!append && days.dataset.zone) zoneSelect.value = state.zone = days.dataset.zone;
        status.textContent = res.status === 429
          ? "Too many requests. Please wait a few seconds and reload the page."
          : "Sessions could not be loaded. Please reload the page.";
        return;
      }
      if (!append) { slots.clear(); days.replaceChildren(); }
      if (!append) days.dataset.from = from;
      state.lastDate = days.dataset.to = to;
      days.dataset.zone = zone;
      var offered = res.body.data.filter(function (slot) { return slot.bookable || slot.unbookable_reason === "full"; });
      offered.forEach(function (slot) { slots.set(slot.session_id, slot); });
      renderDays(days, offered, zone);
      showList();
    }

    /** Status line, "Show later dates" and the kept choice, after the list was (re)drawn. */
    function showList() {
      var zone = state.zone;
      var open = Array.from(slots.values()).some(function (slot) { return slot.bookable; });
      status.hidden = open;
      if (!open) status.textContent = slots.size ? "All sessions in this period are full." : "No sessions are open for booking in this period.";
      var horizon = addDays(dateKey(Date.now(), zone), maxDaysAhead);
      more.hidden = state.lastDate >= horizon;
      if (state.keep && slots.has(state.keep) && slots.get(state.keep).bookable) {
        form.querySelector('input[value="' + CSS.escape(state.keep) + '"]').checked = true;
      }
      onSessionChosen();
    }

    function selectedSlot() {
      var input = form.querySelector('input[name="session_id"]:checked');
      return input ? slots.get(input.value) : null;
    }

    function onSessionChosen() {
      var slot = selectedSlot();
      var limit = Math.max(1, Math.min(maxQuantity, slot ? slot.seats_available : maxQuantity));
      var current = Number(quantity.value) || 1;
      quantity.replaceChildren();
      for (var n = 1; n <= limit; n++) quantity.add(new Option(String(n), String(n)));
      quantity.value = String(Math.min(current, limit));
      if (slot) formError.hidden = true;
      updateSummary();
    }

    function updateSummary() {
      var slot = selectedSlot();
      if (!slot) { summary.textContent = "No session selected yet."; return; }
      var seats = Number(quantity.value);
      summary.replaceChildren();
      var strong = document.createElement("strong");
      strong.textContent = sessionLabel(slot, state.zone);
      summary.append(strong, document.createTextNode(" · " + seatsText(seats)));
      if (data.currency) summary.append(document.createTextNode(" · " + money(Number(data.amount) * seats, data.currency)));
    }

    function field(name) { return $(name); }

    function clearFieldError(input) {
      if (!input || !input.id) return;
      var error = $(input.id + "-error");
      if (error) { error.hidden = true; input.removeAttribute("aria-invalid"); }
    }

    function fieldError(id, message) {
      var input = field(id);
      var error = $(id + "-error");
      if (!input || !error) return false;
      error.textContent = message;
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      return true;
    }

    function localCheck() {
      var problems = [];
      ["name", "email", "phone"].forEach(function (id) {
        var input = field(id);
        if (!input) return;
        if (!input.value.trim()) problems.push([id, "Please fill in this field."]);
        else if (!input.checkValidity()) {
          problems.push([id, id === "phone" ? "Enter the number with its country code, starting with +." : "Please enter a valid email address."]);
        }
      });
      problems.forEach(function (p) { fieldError(p[0], p[1]); });
      return problems;
    }

    function bookingBody(slot) {
      var contact = { name: field("name").value.trim() };
      if (field("email")) contact.email = field("email").value.trim();
      if (field("phone")) contact.phone = "+" + field("phone").value.replace(/[^\d]/g, "");
      return JSON.stringify({ session_id: slot.session_id, quantity: Number(quantity.value), contact: contact });
    }

    async function submitBooking() {
      formError.hidden = true;
      var slot = selectedSlot();
      var problems = localCheck();
      if (!slot) {
        show(formError, "Please choose a session first.", "error");
        var first = form.querySelector('input[name="session_id"]:not(:disabled)');
        if (first) first.focus();
        return;
      }
      if (problems.length) { field(problems[0][0]).focus(); return; }
      var body = bookingBody(slot);
      // A retry of the same attempt (e.g. after a network error) reuses its key, so it can
      // never book twice; any change to the form is a new attempt with a new key.
      if (!state.pending || state.pending.body !== body) state.pending = { body: body, key: newKey() };
      submit.disabled = true;
      submit.textContent = "Booking…";
      var res = await postJson("/public/experiences/" + encodeURIComponent(experienceId) + "/bookings", body, state.pending.key);
      submit.disabled = false;
      submit.textContent = "Book now";
      if (res.status === 0) {
        show(formError, "We could not reach the server. Check your connection and press Book now again: you will not be booked twice.", "error");
        return;
      }
      state.pending = null;
      if (res.status === 201) return showConfirmation(res.body.data);
      handleBookingError(res);
    }

    function handleBookingError(res) {
      var body = res.body || {};
      var code = body.code;
      var details = body.details || {};
      if (code === "session_full") {
        var left = details.seats_available;
        show(formError, left > 0
          ? "Only " + seatsText(left) + " left in this session. Please choose fewer seats."
          : "Sorry, this session has just filled up. Please choose another one.", "error");
        return loadFirstRange();
      }
      if (code === "registration_closed" || code === "experience_inactive") {
        section.replaceChildren();
        var heading = document.createElement("h2");
        heading.textContent = code === "registration_closed" ? "Registration is closed" : "This experience is no longer available";
        var text = document.createElement("p");
        text.textContent = code === "registration_closed"
          ? "This experience stopped taking bookings while you were on the page."
          : "It was withdrawn while you were on the page. No booking was made.";
        section.append(heading, text);
        return;
      }
      if (code === "outside_booking_window" || code === "session_unavailable" || res.status === 404) {
        var why = {
          too_soon: "This session starts too soon to be booked online.",
          past: "This session has already started.",
          too_far: "This session cannot be booked yet.",
        }[details.reason] || "This session is no longer available.";
        show(formError, why + " Please choose another one.", "error");
        return loadFirstRange();
      }
      if (code === "validation_failed") {
        var fields = details.fieldErrors || {};
        var placed = Object.keys(fields).filter(function (path) {
          return fieldError(path.replace(/^contact\./, ""), fields[path][0]);
        });
        show(formError, placed.length ? "Please check the highlighted fields." : body.error || "Please check your details.", "error");
        return;
      }
      if (res.status === 429) {
        show(formError, "Too many attempts. Please wait " + (res.headers.get("retry-after") || "a few") + " seconds and try again.", "error");
        return;
      }
      show(formError, "Something went wrong" + (body.request_id ? " (reference " + body.request_id + ")" : "") + ". Please try again.", "error");
    }

    function showConfirmation(booking) {
      var zone = state.zone;
      $("confirm-when").textContent = sessionLabel(booking, zone) + " (" + zone.replace(/_/g, " ") + ")";
      $("confirm-seats").textContent = String(booking.quantity);
      $("confirm-name").textContent = booking.contact.name;
      $("confirm-total").textContent = booking.price.model === "free" ? "Free" : money(booking.price.total, booking.price.currency);
      $("confirm-reference").textContent = booking.id;
      var link = $("cancel-link");
      link.href = location.origin + "/book/" + encodeURIComponent(experienceId) +
        "?cancel=" + encodeURIComponent(booking.id) + "&token=" + encodeURIComponent(booking.cancel_token);
      link.textContent = "Cancel this booking";
      $("copy-cancel-link").textContent = "Copy link";
      section.hidden = true;
      confirmation.hidden = false;
      confirmation.focus();
      confirmation.scrollIntoView({ block: "start" });
    }
  }
`;
