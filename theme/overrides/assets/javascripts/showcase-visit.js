/* Opening times, worked out in the visitor's browser: "open now / next opening" on a
   point's page, and which points of the directory open this week. Times are the point's
   own, China Standard Time (UTC+8 all year, no daylight saving), whatever zone the
   visitor's phone is set to. Without JavaScript the page shows the full weekly hours.

   A schedule (data-schedule) is {"w": [[open, close, …] × 7 weekdays from Monday, in
   minutes], "x": ["YYYY-MM-DD", …] closed dates, "h": 1 if closed on public holidays};
   the public holidays (data-holidays) are listed once per page. */
(function () {
  "use strict";

  var DAY = 86400000;
  var OFFSET = 8 * 3600000;

  function parse(element, name, fallback) {
    var text = element && element.getAttribute(name);
    return text ? JSON.parse(text) : fallback;
  }

  /* Today in China: the date, its weekday (0 = Monday) and the minute of the day. */
  function clock() {
    var local = new Date(Date.now() + OFFSET);
    return { day: Math.floor(local.getTime() / DAY), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
  }

  function iso(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
  function weekday(day) { return (new Date(day * DAY).getUTCDay() + 6) % 7; }
  function hhmm(minute) {
    var h = Math.floor(minute / 60), m = minute % 60;
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }

  /* The opening ranges of one day, [[open, close], …], none on a closed date. */
  function openings(schedule, holidays, day) {
    var date = iso(day);
    if ((schedule.x || []).indexOf(date) >= 0) return [];
    if (schedule.h && holidays.indexOf(date) >= 0) return [];
    var flat = schedule.w[weekday(day)], out = [];
    for (var i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
    return out;
  }

  /* The current or next opening from now, looking up to `horizon` days ahead. */
  function next(schedule, holidays, now, horizon) {
    for (var offset = 0; offset < horizon; offset++) {
      var ranges = openings(schedule, holidays, now.day + offset);
      for (var i = 0; i < ranges.length; i++) {
        if (offset === 0 && ranges[i][1] <= now.minute) continue;
        return { offset: offset, day: now.day + offset, open: ranges[i][0], close: ranges[i][1],
                 now: offset === 0 && ranges[i][0] <= now.minute };
      }
    }
    return null;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function describe(found, strings) {
    if (!found) return { text: strings.none, open: false };
    if (found.now) return { text: format(strings.open_now, { close: hhmm(found.close) }), open: true };
    if (found.offset === 0) return { text: format(strings.opens_today, { time: hhmm(found.open) }), open: false };
    var date = new Date(found.day * DAY);
    var when = found.offset === 1 ? strings.tomorrow : format(strings.date, {
      weekday: strings.weekdays[weekday(found.day)],
      month: date.getUTCMonth() + 1, day: date.getUTCDate() });
    return { text: format(strings.next_open, { when: when, time: hhmm(found.open) }), open: false };
  }

  /* A point's page: say whether it is open now, or when it next opens. */
  function status(element) {
    var found = next(parse(element, "data-schedule"), parse(element, "data-holidays", []), clock(), 120);
    var said = describe(found, parse(element, "data-strings"));
    element.textContent = said.text;
    element.classList.add(said.open ? "sc-open-status--open" : "sc-open-status--closed");
    element.hidden = false;
  }

  /* The directory: mark the points open in the next seven days (data-open="week"), for
     the facet "open this week" (showcase-facets.js, which runs after this script). */
  function markOpenThisWeek(directory) {
    var holidays = parse(directory, "data-holidays", []);
    var now = clock();
    directory.querySelectorAll(".sc-item[data-point]").forEach(function (item) {
      var schedule = parse(item, "data-schedule");
      if (schedule && next(schedule, holidays, now, 7)) item.setAttribute("data-open", "week");
    });
  }

  document.querySelectorAll(".sc-open-status[data-schedule]").forEach(status);
  document.querySelectorAll(".sc-directory[data-holidays]").forEach(markOpenThisWeek);

  // for the overview map's popups, which say what a point's page says (showcase-overview.js)
  window.showcaseVisit = { clock: clock, openings: openings, hhmm: hhmm, status: status };
})();
