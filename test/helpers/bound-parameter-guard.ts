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
