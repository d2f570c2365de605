import { DurableObject } from "cloudflare:workers";
import { SWEEP_TASKS } from "./sweep-tasks";

export const SWEEP_INTERVAL_MS = 60_000;

/**
 * Runs the sweep tasks from its alarm, once a minute, for good once armed: the alarm re-arms
 * itself before the tasks run, so a failing task never stops the loop. Armed whenever an event
 * is written and by the cron trigger; `wrangler dev` fires alarms (it never fires crons).
 */
export class Sweeper extends DurableObject<Env> {
  async arm(): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(Date.now() + SWEEP_INTERVAL_MS);
    }
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    await this.ctx.storage.setAlarm(now + SWEEP_INTERVAL_MS);
    for (const task of SWEEP_TASKS) {
      try {
        const count = await task.run(this.env, now);
        if (count > 0) console.log(JSON.stringify({ type: "sweep", task: task.name, count }));
      } catch (err) {
        console.error(
          JSON.stringify({
            type: "sweep_failed",
            task: task.name,
            message: err instanceof Error ? err.message : String(err),
          }),
        );
      }
    }
  }
}
