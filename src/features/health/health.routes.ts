import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../../errors";
import { createRouter, ErrorSchema, jsonContent } from "../../http/openapi";
import { checkReadiness, type DependencyName } from "./health.service";

const tags = ["Operations"];
const security: Record<string, string[]>[] = [];

const DependencyStatusSchema = z.enum(["ok", "failed"]);
const ReadinessSchema = z
  .object({
    ok: z.literal(true),
    checks: z.object({ d1: DependencyStatusSchema, durable_objects: DependencyStatusSchema }),
  })
  .openapi("Readiness");

/** 503 in the §2 envelope; `details.failed` names the parts that are down. */
class NotReadyError extends AppError {
  constructor(failed: DependencyName[], checks: Record<DependencyName, string>) {
    super(503, "service_unavailable", `Not ready: ${failed.join(", ")} unavailable`, {
      failed,
      checks,
    });
  }
}

export const healthRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/health",
      tags,
      security,
      summary: "Liveness: the Worker answers (touches no dependency)",
      description:
        '`{"ok": true}` whenever the Worker runs; it reads no binding, so it says nothing about D1 or Durable Objects.',
      responses: {
        200: jsonContent(z.object({ ok: z.literal(true) }), "The Worker is up"),
      },
    }),
    (c) => c.json({ ok: true as const }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/health/ready",
      tags,
      security,
      summary: "Readiness: D1 and the Durable Object namespace answer",
      description:
        "200 when a D1 query and a Durable Object call succeed; 503 `service_unavailable` naming the failing part otherwise.",
      responses: {
        200: jsonContent(ReadinessSchema, "Every dependency answered"),
        503: jsonContent(ErrorSchema, "A dependency is down; `details.failed` names it"),
      },
    }),
    async (c) => {
      const { ok, checks } = await checkReadiness(c.env);
      if (!ok) {
        const failed = (Object.keys(checks) as DependencyName[]).filter((k) => checks[k] !== "ok");
        throw new NotReadyError(failed, checks);
      }
      return c.json({ ok: true as const, checks }, 200);
    },
  );
