// Instruments the D1 binding of tests: the bound-parameter guard, and a round-trip counter.
import { MAX_BOUND_PARAMETERS } from "../../src/lib/bound-parameters";

// Shared by every copy of this module in the isolate (each test file loads the setup again).
const VIOLATIONS = Symbol.for("booking-api.bound-parameter-violations");
type GuardedGlobal = typeof globalThis & { [VIOLATIONS]?: string[] };

function violations(): string[] {
  const scope = globalThis as GuardedGlobal;
  scope[VIOLATIONS] ??= [];
  return scope[VIOLATIONS];
}

/**
 * Wraps D1PreparedStatement.bind (the Worker under test runs in this isolate) so a statement
 * binding more than D1's 100 parameters throws and is recorded, even where the app would turn
 * the error into a response a test does not look at.
 */
export function guardBoundParameters(db: D1Database): void {
  const prototype = Object.getPrototypeOf(db.prepare("SELECT 1")) as D1PreparedStatement & {
    [VIOLATIONS]?: true;
  };
  if (prototype[VIOLATIONS]) return;
  const bind = prototype.bind;
  prototype.bind = function (this: D1PreparedStatement, ...values: unknown[]) {
    if (values.length > MAX_BOUND_PARAMETERS) {
      const message = `A statement bound ${values.length} parameters; D1 allows ${MAX_BOUND_PARAMETERS}`;
      violations().push(message);
      throw new Error(message);
    }
    return bind.apply(this, values);
  };
  prototype[VIOLATIONS] = true;
}

/** The violations recorded since the last call, and forgets them. */
export function takeBoundParameterViolations(): string[] {
  return violations().splice(0);
}

/** One D1 round trip: a batch (with its statements' SQL) or one statement's first/all/run/raw. */
export interface RoundTrip {
  call: "batch" | "exec" | "first" | "all" | "run" | "raw";
  sql: string[];
}

const RUNS = new Set(["first", "all", "run", "raw"]);

/**
 * `db` as a binding that records every round trip made through it (a Worker given an env with
 * this DB counts its own calls only). The statements it hands out wrap real ones, which `batch`
 * unwraps, so D1 (and the parameter guard above) sees exactly what the app sent.
 */
export function countRoundTrips(db: D1Database): { db: D1Database; trips: RoundTrip[] } {
  const trips: RoundTrip[] = [];
  const real = new WeakMap<object, D1PreparedStatement>();
  const sqlOf = new WeakMap<object, string>();
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wrapper = new Proxy(statement, {
      get(target, prop) {
        if (prop === "bind") {
          return (...values: unknown[]) => wrap(target.bind(...values), sql);
        }
        const value = Reflect.get(target, prop, target);
        if (typeof prop === "string" && RUNS.has(prop) && typeof value === "function") {
          return (...args: unknown[]) => {
            trips.push({ call: prop as RoundTrip["call"], sql: [sql] });
            return value.apply(target, args);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    real.set(wrapper, statement);
    sqlOf.set(wrapper, sql);
    return wrapper;
  };
  const counted = new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql), sql);
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          trips.push({ call: "batch", sql: statements.map((s) => sqlOf.get(s) ?? "?") });
          return target.batch(statements.map((s) => real.get(s) ?? s));
        };
      }
      if (prop === "exec") {
        return (sql: string) => {
          trips.push({ call: "exec", sql: [sql] });
          return target.exec(sql);
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: counted, trips };
}
