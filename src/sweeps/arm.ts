/** The one Sweeper instance: a single runner, so two sweeps never race each other. */
export const SWEEPER_NAME = "sweeper";

export function sweeperStub(env: Env) {
  return env.SWEEPER.getByName(SWEEPER_NAME);
}

/** Makes sure the sweep alarm is set; cheap when it already is. Never fails the caller. */
export async function armSweeper(env: Env): Promise<void> {
  try {
    await sweeperStub(env).arm();
  } catch (err) {
    console.error(
      JSON.stringify({
        type: "sweeper_arm_failed",
        message: err instanceof Error ? err.message : String(err),
      }),
    );
  }
}

/** The alarm loop runs for good once armed: an isolate re-checks it at most this often. */
const REARM_AFTER_MS = 60_000;
let lastArmedAt = Number.NEGATIVE_INFINITY;

/**
 * armSweeper for the write path: at most one Durable Object call a minute per isolate (a write
 * that arms it each time pays a call for nothing; the cron trigger arms it too, once deployed).
 */
export async function armSweeperNowAndThen(env: Env, now = Date.now()): Promise<void> {
  if (now - lastArmedAt < REARM_AFTER_MS && now >= lastArmedAt) return;
  lastArmedAt = now;
  await armSweeper(env);
}
