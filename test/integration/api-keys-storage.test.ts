import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { admin, callJson } from "../helpers/http";
import { createOrganization } from "../helpers/tenants";

describe("§3 API keys at rest", () => {
  it("stores only the key's SHA-256: no column holds the secret, and the hash authenticates", async () => {
    const org = await createOrganization();
    const created = await admin("POST", `/organizations/${org.id}/api-keys`, {
      name: "Website",
      scopes: { spaces: "read" },
    });
    expect(created.status).toBe(201);
    const secret: string = created.body.data.key;
    expect(secret).toMatch(/^bk_live_[0-9A-Za-z]{32,}$/);

    const row = await env.DB.prepare("SELECT * FROM api_keys WHERE id = ?")
      .bind(created.body.data.id)
      .first<Record<string, unknown>>();
    expect(row?.key_hash).toBe(await sha256Hex(secret));
    // Neither the whole secret nor its random part appears in any column.
    const randomPart = secret.slice("bk_live_".length);
    for (const value of Object.values(row ?? {})) {
      expect(String(value)).not.toContain(randomPart);
    }
    expect(String(row?.prefix).length).toBeLessThan(secret.length / 2);

    const ok = await callJson("GET", "/v1/spaces", { key: secret });
    expect(ok.status).toBe(200);
    // Presenting the stored hash itself is not a key.
    const withHash = await callJson("GET", "/v1/spaces", { key: String(row?.key_hash) });
    expect(withHash.status).toBe(401);
    expect(withHash.body.code).toBe("invalid_api_key");
  });
});
