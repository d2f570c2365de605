// `npm run bench`: sessions per second of our expansion and of rrule.js (TZID), rrule-temporal
// and rrule-rust on the same rule set, measured in one process, in alternating rounds so machine
// noise hits all alike.

import { it } from "vitest";
import { expandSessions } from "../src/scheduling/expand";
import {
  expandWithRRuleRust,
  expandWithRRuleRustPrebuilt,
  expandWithRRuleTemporal,
} from "./contenders";
import {
  buildOurRule,
  buildRRuleSetGrouped,
  buildRRuleSetPerTemplate,
  DURATION_MINUTES,
  WINDOW_END,
  WINDOW_START,
  ZONE,
} from "./rule-set";

interface Contender {
  name: string;
  /** Instants (ms) of the sessions; rebuilt from the rule on each run, as a request would. */
  expand: () => number[];
}

const ROUNDS = 7;
const ROUND_MS = 250;

const contenders: Contender[] = [
  {
    name: "ours: expandSessions (48 templates)",
    expand: () =>
      expandSessions(buildOurRule(), DURATION_MINUTES, WINDOW_START, WINDOW_END).map(
        (s) => s.start,
      ),
  },
  {
    name: "rrule 2.8.1 TZID, 48 RRULEs (one per template)",
    expand: () => rruleBetween(buildRRuleSetPerTemplate()),
  },
  {
    name: "rrule 2.8.1 TZID, 7 RRULEs (BYDAY lists)",
    expand: () => rruleBetween(buildRRuleSetGrouped()),
  },
  {
    name: "rrule-temporal 2.2.8, 7 RRULEs (BYDAY lists)",
    expand: expandWithRRuleTemporal,
  },
  {
    name: "rrule-rust 3.1.1 (napi), 1 set of 7 RRULEs",
    expand: expandWithRRuleRust,
  },
  {
    name: "rrule-rust 3.1.1 (napi), set parsed once",
    expand: expandWithRRuleRustPrebuilt,
  },
];

function rruleBetween(set: ReturnType<typeof buildRRuleSetGrouped>): number[] {
  // between() is inclusive; no session sits on either bound (they are local midnights).
  return set.between(new Date(WINDOW_START), new Date(WINDOW_END), true).map((d) => d.getTime());
}

const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** Runs `expand` for at least ROUND_MS, then collects its garbage; returns sessions/s. */
function measureRound(contender: Contender, sessionsPerRun: number): number {
  let runs = 0;
  const started = performance.now();
  while (performance.now() - started < ROUND_MS) {
    contender.expand();
    runs++;
  }
  collectGarbage();
  return (runs * sessionsPerRun * 1000) / (performance.now() - started);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function checkSameSessions(results: number[][]): void {
  const [reference, ...others] = results.map((instants) => [...instants].sort((a, b) => a - b));
  for (const other of others) {
    const same = other.length === reference?.length && other.every((v, i) => v === reference[i]);
    if (!same)
      throw new Error("The contenders disagree on the sessions; the comparison is unfair.");
  }
}

it("expands one year of 48 weekly templates: ours vs rrule.js, rrule-temporal, rrule-rust", () => {
  // rrule returns TZID results as "UTC" dates of the process zone (bench/vitest.config.ts).
  if (new Date(0).getTimezoneOffset() !== 0) throw new Error("rrule needs the process in UTC");
  const results = contenders.map((contender) => contender.expand());
  checkSameSessions(results);
  const sessionsPerRun = results[0]?.length ?? 0;
  for (const contender of contenders) measureRound(contender, sessionsPerRun); // warm-up, JIT
  const rates = contenders.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    contenders.forEach((contender, index) => {
      rates[index]?.push(measureRound(contender, sessionsPerRun));
    });
  }
  printReport(sessionsPerRun, rates.map(median));
});

function printReport(sessionsPerRun: number, rates: number[]): void {
  const format = (value: number) => Math.round(value).toLocaleString("en-US").padStart(12);
  const lines = [
    "",
    `Expansion benchmark: ${ZONE}, 52 weeks, 48 weekly templates, ${DURATION_MINUTES}-min sessions`,
    `sessions per run: ${sessionsPerRun} for every contender (same instants, checked); ours also`,
    "builds each session's id and local_start, the others yield instants only",
    `median of ${ROUNDS} alternating rounds of >= ${ROUND_MS} ms (each ends with a full GC)`,
    "",
    ...contenders.map((c, i) => `${c.name.padEnd(50)} ${format(rates[i] ?? 0)} sessions/s`),
    "",
    ...contenders.slice(1).map((c, i) => {
      const ratio = (rates[0] ?? 0) / (rates[i + 1] ?? 1);
      return `ratio ours ÷ ${c.name}: ${ratio.toFixed(ratio < 10 ? 2 : 1)}x`;
    }),
    "",
  ];
  console.log(lines.join("\n"));
}
