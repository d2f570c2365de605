/**
 * Renders slots grouped by local day as radio "pills"; full sessions stay visible but disabled.
 * The markup matches the server's (session-picker.tsx), in the browser's locale.
 */
export const SESSION_LIST_SCRIPT = `
  var FEW_SEATS = 3;

  function renderDays(container, list, zone) {
    var groups = new Map();
    list.forEach(function (slot) {
      var key = dateKey(Date.parse(slot.start), zone);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(slot);
    });
    groups.forEach(function (group, key) {
      var start = Date.parse(group[0].start);
      var day = document.createElement("div");
      day.className = "day";
      day.dataset.date = key;
      day.setAttribute("role", "group");
      var heading = document.createElement("h3");
      heading.id = "day-" + key;
      heading.setAttribute("aria-label", dayLabel(start, zone));
      var weekday = document.createElement("span");
      weekday.className = "weekday";
      weekday.textContent = part(start, zone, { weekday: "short" });
      var date = document.createElement("span");
      date.className = "date";
      date.textContent = part(start, zone, { month: "short", day: "numeric" });
      heading.append(weekday, date);
      day.setAttribute("aria-labelledby", heading.id);
      var grid = document.createElement("div");
      grid.className = "slots";
      group.forEach(function (slot) { grid.appendChild(renderSlot(slot, zone)); });
      day.append(heading, grid);
      container.appendChild(day);
    });
  }

  /** A radio styled as a pill: start time and seats; the summary shows the full range. */
  function renderSlot(slot, zone) {
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "radio";
    input.name = "session_id";
    input.value = slot.session_id;
    input.dataset.sessionId = slot.session_id;
    input.disabled = !slot.bookable;
    input.setAttribute("aria-label", sessionLabel(slot, zone) + ", " +
      (slot.bookable ? seatsText(slot.seats_available) + " left" : "full"));
    var time = document.createElement("time");
    time.className = "slot-time";
    time.dateTime = slot.start;
    time.textContent = timeLabel(Date.parse(slot.start), zone);
    var seats = document.createElement("span");
    seats.className = "slot-seats";
    var full = !slot.bookable;
    seats.textContent = full ? "Full" : slot.seats_available + " left";
    label.className = "slot" + (full ? " full" : slot.seats_available <= FEW_SEATS ? " few" : "");
    label.append(input, time, seats);
    return label;
  }
`;
