import { afterEach, describe, expect, it, vi } from "vitest";
import { admin, callJson } from "../helpers/http";
import { createTenant } from "../helpers/tenants";

function captureRequestLogs() {
  const spy = vi.spyOn(console, "info");
  return () =>
    spy.mock.calls
      .map(([line]) => String(line))
      .filter((line) => line.includes('"type":"request"'))
      .map((line) => JSON.parse(line));
}

describe("§11 one structured log line per request", () => {
  afterEach(() => vi.restoreAllMocks());

  it("logs method, route pattern, status, duration, request id and organization", async () => {
    const { key, orgId } = await createTenant();
    const logs = captureRequestLogs();
    await callJson("GET", "/v1/spaces/GENERAL/members", {
      key,
      headers: { "x-request-id": "log-1" },
    });
    const lines = logs().filter((l) => l.request_id === "log-1");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      method: "GET",
      route: "/v1/spaces/:space_id/members",
      status: 200,
      request_id: "log-1",
      organization_id: orgId,
    });
    expect(lines[0].duration_ms).toEqual(expect.any(Number));
  });

  it("names the organization of operator requests", async () => {
    const logs = captureRequestLogs();
    const created = await admin("POST", "/organizations", { name: "Logged" });
    const orgId = created.body.data.id;
    await admin("GET", `/organizations/${orgId}/api-keys`);
    const lines = logs().filter((l) => String(l.route).startsWith("/admin/organizations"));
    expect(lines.map((l) => l.organization_id)).toEqual([orgId, orgId]);
  });

  it("names the route pattern when middleware answers before the handler", async () => {
    const logs = captureRequestLogs();
    await callJson("GET", "/v1/spaces/GENERAL/members", { headers: { "x-request-id": "log-2" } });
    const [line] = logs().filter((l) => l.request_id === "log-2");
    expect(line).toMatchObject({ route: "/v1/spaces/:space_id/members", status: 401 });
  });
});
