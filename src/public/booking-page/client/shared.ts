/**
 * Helpers of the page script: DOM lookup, JSON fetch, Idempotency-Key, dates and times in a zone.
 */
export const SHARED_SCRIPT = `
  var $ = function (id) { return document.getElementById(id); };

  function newKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  async function api(path, options) {
    try {
      var res = await fetch(path, options);
      var text = await res.text();
      var body = null;
      try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
      return { status: res.status, body: body, headers: res.headers };
    } catch (e) {
      return { status: 0, body: null, headers: new Headers() };
    }
  }

  function postJson(path, body, key) {
    return api(path, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": key },
      body: body,
    });
  }

  function show(el, text, kind) {
    el.textContent = text;
    el.className = "alert" + (kind ? " alert-" + kind : "");
    el.hidden = false;
  }

  function dateKey(ms, zone) {
    var parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(ms));
    var get = function (type) { return parts.find(function (p) { return p.type === type; }).value; };
    return get("year") + "-" + get("month") + "-" + get("day");
  }

  function addDays(date, days) {
    var d = new Date(date + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  function dayLabel(ms, zone) {
    return new Intl.DateTimeFormat(undefined, { timeZone: zone, weekday: "long", day: "numeric", month: "long" }).format(new Date(ms));
  }

  function part(ms, zone, options) {
    return new Intl.DateTimeFormat(undefined, Object.assign({ timeZone: zone }, options)).format(new Date(ms));
  }

  function timeLabel(ms, zone) {
    return new Intl.DateTimeFormat(undefined, { timeZone: zone, hour: "numeric", minute: "2-digit" }).format(new Date(ms));
  }

  function sessionLabel(slot, zone) {
    var start = Date.parse(slot.start);
    return dayLabel(start, zone) + ", " + timeLabel(start, zone) + "–" + timeLabel(Date.parse(slot.end), zone);
  }

  function money(amount, currency) {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(amount);
  }

  function seatsText(n) { return n === 1 ? "1 seat" : n + " seats"; }
`;
