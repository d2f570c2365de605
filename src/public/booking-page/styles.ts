/** The page's only stylesheet, inlined: the page loads no external assets. */
export const PAGE_STYLES = `
:root {
  --bg: #f4f5f7; --card: #ffffff; --text: #1d2433; --muted: #5b6476; --line: #dfe3ea;
  --accent: #3d5afe; --accent-dark: #2a3fd1; --accent-soft: #eef1ff;
  --ok: #127a4b; --ok-soft: #e7f6ee; --danger: #b42318; --danger-soft: #fdecea;
  --radius: 14px; --shadow: 0 1px 2px rgba(16, 24, 40, .06), 0 4px 16px rgba(16, 24, 40, .06);
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--text); line-height: 1.5;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.page { max-width: 46rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; display: grid; gap: 1rem; }
.card { background: var(--card); border-radius: var(--radius); box-shadow: var(--shadow); padding: 1.5rem; }
h1 { font-size: clamp(1.6rem, 4vw, 2.1rem); line-height: 1.2; margin: .1rem 0 .6rem; letter-spacing: -.01em; }
h2 { font-size: 1.25rem; margin: 0 0 .75rem; }
h3 { font-size: 1rem; margin: 0 0 .5rem; }
p { margin: 0 0 .75rem; }
a { color: var(--accent-dark); }
code { font-size: .9em; background: var(--bg); padding: .1em .35em; border-radius: 6px; word-break: break-all; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: .75rem; font-weight: 700; color: var(--accent); margin: 0; }
.description { white-space: pre-line; color: var(--muted); }
.facts { list-style: none; padding: 0; margin: 1rem 0 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
.facts li { display: flex; gap: .5rem; align-items: flex-start; font-weight: 500; }
.facts .icon { color: var(--accent); flex: none; margin-top: .15rem; }
.line { display: block; }
.instructions { margin: .75rem 0 0; font-size: .925rem; color: var(--muted); }
.section-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .5rem 1rem; margin-bottom: .5rem; }
.section-head h2 { margin: 0; }
.zone { display: flex; align-items: center; gap: .4rem; color: var(--muted); font-size: .925rem; }
.zone label { white-space: nowrap; }
.zone select { max-width: 100%; min-height: 2.25rem; padding: .25rem .5rem; }
fieldset { border: 0; padding: 0; margin: 1.25rem 0 0; min-width: 0; }
.step { display: flex; align-items: center; gap: .5rem; font-weight: 700; font-size: 1.05rem; padding: 0; margin-bottom: .75rem; }
.step-number { display: inline-grid; place-items: center; width: 1.6rem; height: 1.6rem; border-radius: 50%; background: var(--accent-soft); color: var(--accent-dark); font-size: .85rem; }
.status { color: var(--muted); }
.days { display: grid; }
.day { display: grid; grid-template-columns: 6.5rem 1fr; gap: .5rem 1rem; align-items: center; padding: .6rem 0; border-top: 1px solid var(--line); }
.day:first-child { border-top: 0; padding-top: 0; }
.day h3 { margin: 0; display: flex; flex-direction: column; line-height: 1.25; }
.day .weekday { font-size: .75rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); font-weight: 600; }
.day .date { font-size: 1rem; font-weight: 650; }
.slots { display: flex; flex-wrap: wrap; gap: .5rem; }
.slot { position: relative; display: flex; flex-direction: column; min-width: 6.25rem; padding: .45rem .8rem; border: 1.5px solid var(--line); border-radius: 10px; cursor: pointer; background: var(--card); transition: border-color .15s, background .15s; }
.slot input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.slot-time { font-weight: 650; font-variant-numeric: tabular-nums; white-space: nowrap; }
.slot-seats { font-size: .78rem; color: var(--muted); white-space: nowrap; }
.slot:hover { border-color: var(--accent); }
.slot:has(input:checked) { border-color: var(--accent); background: var(--accent-soft); box-shadow: inset 0 0 0 1px var(--accent); }
.slot:has(input:checked) .slot-time { color: var(--accent-dark); }
.slot:has(input:focus-visible) { outline: 3px solid rgba(61, 90, 254, .35); outline-offset: 2px; }
.slot.full, .slot.cancelled { cursor: not-allowed; background: var(--bg); color: var(--muted); border-style: dashed; }
.slot.full .slot-time, .slot.cancelled .slot-time { text-decoration: line-through; font-weight: 500; }
.slot.few .slot-seats { color: #a15c00; font-weight: 600; }
.slot.waitlist { cursor: pointer; }
.slot.waitlist:has(input:checked) { border-style: solid; }
.slot-waitlist { font-size: .78rem; font-weight: 650; color: var(--accent-dark); white-space: nowrap; }
.waitlist-note { margin: 1rem 0 0; }
.hold-row { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: baseline; justify-content: space-between; }
.hold-status { margin: .75rem 0 0; color: var(--ok); font-size: .925rem; flex: 1 1 16rem; }
.hold-status:empty { margin: 0; }
.hold-timer { margin-top: .75rem; font-weight: 700; font-variant-numeric: tabular-nums; color: var(--ok); }
.confirmation .waitlist-alert { text-align: left; max-width: 30rem; margin: 1rem auto 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .25rem 1rem; }
.field { display: grid; gap: .3rem; align-content: start; margin-bottom: .75rem; }
.field-narrow { max-width: 9rem; }
label { font-weight: 600; font-size: .925rem; }
.hint { margin: 0; font-size: .8rem; color: var(--muted); }
input, select { font: inherit; color: inherit; width: 100%; min-height: 2.75rem; padding: .5rem .75rem; border: 1.5px solid var(--line); border-radius: 10px; background: #fff; }
input:focus, select:focus { outline: 3px solid rgba(61, 90, 254, .25); border-color: var(--accent); }
input[aria-invalid="true"] { border-color: var(--danger); }
.field-error { margin: 0; font-size: .85rem; color: var(--danger); }
.submit-row { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .75rem 1rem; margin-top: 1rem; padding-top: 1rem; border-top: 1px solid var(--line); }
.summary { margin: 0; color: var(--muted); flex: 1 1 16rem; }
.summary strong { color: var(--text); }
.button { font: inherit; font-weight: 650; border-radius: 10px; padding: .7rem 1.3rem; min-height: 2.75rem; border: 1.5px solid transparent; cursor: pointer; }
.button:disabled { opacity: .6; cursor: progress; }
.button.primary { background: var(--accent); color: #fff; }
.button.primary:hover:not(:disabled) { background: var(--accent-dark); }
.button.secondary { background: var(--card); color: var(--accent-dark); border-color: var(--line); }
.button.secondary:hover:not(:disabled) { border-color: var(--accent); }
.button.danger { background: var(--danger); color: #fff; }
.button.small { padding: .35rem .8rem; min-height: 2.25rem; font-size: .875rem; }
.button:focus-visible, a:focus-visible { outline: 3px solid rgba(61, 90, 254, .45); outline-offset: 2px; }
.alert { margin: 1rem 0 0; padding: .75rem 1rem; border-radius: 10px; background: var(--accent-soft); }
.alert-error { background: var(--danger-soft); color: var(--danger); font-weight: 500; }
.alert-ok { background: var(--ok-soft); color: var(--ok); font-weight: 500; }
.policies { margin: 1rem 0 0; padding: 0; list-style: none; font-size: .85rem; color: var(--muted); }
.notice h2, .notice h1 { margin-top: 0; }
.confirmation { text-align: center; }
.confirmation:focus { outline: none; }
.check { width: 3rem; height: 3rem; margin: 0 auto .5rem; border-radius: 50%; display: grid; place-items: center; background: var(--ok-soft); color: var(--ok); font-size: 1.5rem; font-weight: 700; }
.receipt { display: grid; grid-template-columns: max-content 1fr; gap: .4rem 1rem; text-align: left; max-width: 30rem; margin: 1rem auto; padding: 1rem; background: var(--bg); border-radius: 10px; }
.receipt dt { color: var(--muted); }
.receipt dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.receipt-row { display: contents; }
.receipt-row[hidden] { display: none !important; }
.with, .subscribe { display: flex; gap: .5rem; align-items: center; margin: 0 0 .75rem; font-weight: 500; }
.with .icon, .subscribe .icon { color: var(--accent); flex: none; }
.subscribe { margin: 1rem 0 0; padding-top: .9rem; border-top: 1px solid var(--line); font-weight: 400; font-size: .9rem; color: var(--muted); }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; justify-content: center; margin: 1.25rem 0 1rem; }
.actions .button { display: inline-flex; align-items: center; gap: .5rem; text-decoration: none; }
.manage-info { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: center; max-width: 32rem; margin: 0 auto 1rem; font-size: .9rem; color: var(--muted); }
.manage-info p { margin: 0; }
.button.link { background: none; border: 0; color: var(--accent-dark); text-decoration: underline; padding: .5rem; }
.week-picker:empty { display: none; }
.week-picker:not(:empty) ~ .days .day { grid-template-columns: 1fr; border-top: 0; padding: 0; }
.week-picker:not(:empty) ~ .days .day h3 { flex-direction: row; align-items: baseline; gap: .5rem; }
.week-picker:not(:empty) ~ .days .slots { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); }
.week-picker { margin-bottom: 1rem; }
.week-nav { display: flex; gap: .5rem; align-items: center; margin-bottom: .6rem; }
.week-nav select { flex: 1; font-weight: 600; text-align: center; }
.week-nav-button { flex: none; width: 2.75rem; padding: 0; font-size: 1.4rem; line-height: 1; }
.week-days { display: grid; grid-template-columns: repeat(7, 1fr); gap: .35rem; }
.week-day { font: inherit; display: grid; justify-items: center; gap: .1rem; padding: .45rem 0 .4rem; border: 1.5px solid var(--line); border-radius: 10px; background: var(--card); color: var(--text); cursor: pointer; }
.week-day:hover:not(:disabled) { border-color: var(--accent); }
.week-day:disabled { cursor: default; background: var(--bg); color: var(--muted); border-color: transparent; }
.week-day-name { font-size: .72rem; text-transform: uppercase; letter-spacing: .05em; font-weight: 600; }
.week-day-number { font-size: 1.1rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.week-day .marker { width: .4rem; height: .4rem; border-radius: 50%; background: transparent; }
.week-day.has-open .marker { background: var(--accent); }
.week-day.has-full .marker { background: var(--muted); }
.week-day[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #fff; }
.week-day[aria-pressed="true"] .marker { background: #fff; }
.week-day:focus-visible { outline: 3px solid rgba(61, 90, 254, .45); outline-offset: 2px; }
.slot-provider { font-size: .8rem; color: var(--text); white-space: nowrap; }
.badge { display: inline-block; padding: .2rem .7rem; border-radius: 999px; font-size: .8rem; font-weight: 700; letter-spacing: .02em; }
.badge-confirmed { background: var(--ok-soft); color: var(--ok); }
.badge-cancelled { background: var(--danger-soft); color: var(--danger); }
.badge-waitlisted { background: var(--accent-soft); color: var(--accent-dark); }
.badge-expired { background: var(--bg); color: var(--muted); }
.manage-head { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; }
.manage-head h1 { margin: .1rem 0; }
.manage .receipt { margin: 1.25rem 0; max-width: none; }
.manage .actions { justify-content: flex-start; margin: 1rem 0 0; }
.alert-neutral { background: var(--bg); }
.policy-note { color: var(--muted); font-size: .925rem; margin: 0; }
.cancel-form { margin-top: 1.25rem; padding-top: 1.25rem; border-top: 1px solid var(--line); }
.cancel-form p { color: var(--muted); font-size: .925rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 480px) {
  .week-picker:not(:empty) ~ .days .slots { grid-template-columns: 1fr 1fr; }
  .actions .button, .cancel-form .button { width: 100%; justify-content: center; }
  .zone select { font-size: .875rem; }
  .week-days { gap: .25rem; }
  .card { padding: 1.1rem; border-radius: 12px; }
  .page { padding: .75rem .6rem 2rem; }
  .submit-row .button { width: 100%; }
  .field-narrow { max-width: none; }
  .zone { width: 100%; }
  .zone select { flex: 1; max-width: none; }
  .day { grid-template-columns: 4.5rem 1fr; gap: .5rem .75rem; }
  .slot { min-width: 5.75rem; padding: .4rem .6rem; }
}
@media (prefers-reduced-motion: reduce) { * { transition: none !important; } }
`;
