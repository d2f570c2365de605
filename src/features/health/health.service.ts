// §16 readiness: each dependency the API cannot serve without, checked for real and in parallel.

export type DependencyName = "d1" | "durable_objects";
export type DependencyStatus = "ok" | "failed";

export interface Readiness {
  ok: boolean;
  checks: Record<DependencyName, DependencyStatus>;
}

/** A dependency that answers neither way within this time counts as down. */
const CHECK_TIMEOUT_MS = 3_000;

// A name no Idempotency-Key can produce (those are JSON arrays), so the probe never meets a
// real record; `release` of an unknown fingerprint reads the object's SQLite and changes nothing.
const PROBE_OBJECT_NAME = "health-probe";
const PROBE_FINGERPRINT = "health-probe";

async function passes(check: () => Promise<unknown>): Promise<DependencyStatus> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return "ok";
  } catch {
    return "failed";
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(env: Pick<Env, "DB" | "IDEMPOTENCY">): Promise<Readiness> {
  const [d1, durableObjects] = await Promise.all([
    passes(() => env.DB.prepare("SELECT 1").first()),
    passes(() => env.IDEMPOTENCY.getByName(PROBE_OBJECT_NAME).release(PROBE_FINGERPRINT)),
  ]);
  const checks = { d1, durable_objects: durableObjects };
  return { ok: d1 === "ok" && durableObjects === "ok", checks };
}
