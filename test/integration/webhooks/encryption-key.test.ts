import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { readJson } from "../../helpers/http";
import { consumeDeliveries, unenqueuedTestDelivery } from "../../helpers/queue";
import { matchingSignatures } from "../../helpers/standard-webhooks";
import { createTenant } from "../../helpers/tenants";
import { webhookReceiver } from "../../helpers/webhooks";

// A deployment (or a plain `wrangler dev` whose .dev.vars has only ADMIN_TOKEN) without
// WEBHOOK_ENCRYPTION_KEY: secrets are encrypted with a key derived from ADMIN_TOKEN, so
// endpoints can be created and their deliveries signed instead of failing with a 500.
const keyless = { ...env, WEBHOOK_ENCRYPTION_KEY: "" } as Env;

describe("webhooks without WEBHOOK_ENCRYPTION_KEY", () => {
  it("creates the endpoint and signs its deliveries with the secret it showed", async () => {
    const { orgId, key } = await createTenant();
    const receiver = webhookReceiver();
    const res = await createApp().request(
      "https://api.test/v1/webhook-endpoints",
      {
        method: "POST",
        headers: { "x-api-key": key, "content-type": "application/json" },
        body: JSON.stringify({ url: receiver.url, events: ["booking.created"] }),
      },
      keyless,
    );
    const body = await readJson(res);
    expect(res.status, JSON.stringify(body)).toBe(201);
    const endpoint = body.data as { id: string; secret: string };

    const { deliveryId } = await unenqueuedTestDelivery(orgId, endpoint.id);
    const outcome = await consumeDeliveries([deliveryId], undefined, keyless);
    expect(outcome.acked).toEqual([expect.any(String)]);
    const [hit] = await receiver.waitFor(1);
    if (!hit) throw new Error("no webhook");
    expect(matchingSignatures(hit, endpoint.secret)).toBe(1);
  });
});
