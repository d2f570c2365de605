import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { dispatchEvents } from "../delivery/dispatch";
import { collectEventsWrittenThrough } from "../events/pending-events";
import { armSweeperNowAndThen } from "../sweeps/arm";

/** The sweep is the safety net of every event, so a write keeps it armed. */
async function afterCommit(env: Env, eventIds: string[]) {
  await armSweeperNowAndThen(env);
  if (eventIds.length > 0) await dispatchEvents(env, eventIds);
}

/**
 * §12 post-commit hook: collects the events written through this request's Database (see
 * src/events/pending-events.ts); once the handler is done the ids
 * are handed to the Queue in the background (ctx.waitUntil). It runs whatever the response was:
 * an event committed before a later failure must still go out, and ids of a refused write
 * are ignored by the dispatch. If this never runs (the Worker died), the sweep enqueues them.
 */
export const postCommitDispatch = createMiddleware<AppEnv>(async (c, next) => {
  const pending = collectEventsWrittenThrough(c.get("db"));
  await next();
  if (!pending.wroteAny) return;
  // Events with nothing to deliver were settled in their batch: only the others are left here.
  const ids = pending.ids();
  c.executionCtx.waitUntil(
    afterCommit(c.env, ids).catch((err: unknown) => {
      console.error(
        JSON.stringify({
          type: "event_dispatch_failed",
          request_id: c.get("requestId"),
          events: ids,
          message: err instanceof Error ? err.message : String(err),
        }),
      );
    }),
  );
});
