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
