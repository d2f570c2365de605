import { describe, expect, it } from "vitest";
import { webhookUrlProblem } from "../../../src/features/webhooks/webhook-url";

const refused = (url: string, allowLocal = false) => webhookUrlProblem(url, allowLocal) !== null;

describe("webhook URL rules (§12)", () => {
  it.each([
    "https://hooks.example.com/booking",
    "https://hooks.example.com:8443/path?x=1",
    "https://8.8.8.8/hook",
    "https://172.32.0.1/hook", // just outside 172.16/12
    "https://100.128.0.1/hook", // just outside 100.64/10
    "https://[2001:db8::1]/hook",
    "https://[2606:4700::1111]/hook",
  ])("accepts the public https URL %s", (url) => {
    expect(webhookUrlProblem(url, false)).toBeNull();
  });

  it.each([
    ["http://hooks.example.com/", "plain http"],
    ["ftp://hooks.example.com/", "another scheme"],
    ["not a url", "no URL at all"],
    ["https://user:pass@hooks.example.com/", "credentials"],
    ["https://localhost/hook", "localhost"],
    ["https://api.localhost/hook", "a .localhost name"],
  ])("refuses %s (%s)", (url) => {
    expect(refused(url)).toBe(true);
  });

  it.each([
    ["https://0.0.0.0/", "this network"],
    ["https://10.0.0.1/", "10/8 private"],
    ["https://10.255.255.255/", "10/8 private, last address"],
    ["https://172.16.0.1/", "172.16/12 private"],
    ["https://172.31.255.254/", "172.16/12 private, top"],
    ["https://192.168.1.10/", "192.168/16 private"],
    ["https://127.0.0.1/", "loopback"],
    ["https://127.200.3.4/", "loopback /8"],
    ["https://169.254.169.254/", "link-local (cloud metadata)"],
    ["https://100.64.0.1/", "CGNAT"],
    ["https://100.127.255.255/", "CGNAT, top"],
    ["https://224.0.0.1/", "multicast"],
    ["https://239.255.255.250/", "multicast, top"],
    ["https://255.255.255.255/", "broadcast"],
    ["https://0x7f.0.0.1/", "loopback in hex (the URL parser normalizes it)"],
    ["https://2130706433/", "loopback as one decimal number"],
    ["https://[::1]/", "IPv6 loopback"],
    ["https://[::]/", "IPv6 unspecified"],
    ["https://[fc00::1]/", "IPv6 unique local"],
    ["https://[fd12:3456:789a::1]/", "IPv6 unique local (fd)"],
    ["https://[fe80::1]/", "IPv6 link-local"],
    ["https://[ff02::1]/", "IPv6 multicast"],
    ["https://[::ffff:127.0.0.1]/", "IPv4-mapped loopback"],
    ["https://[::ffff:10.1.2.3]/", "IPv4-mapped private"],
    ["https://[::ffff:169.254.169.254]/", "IPv4-mapped link-local"],
  ])("refuses the IP literal %s (%s)", (url) => {
    expect(refused(url)).toBe(true);
  });

  it("accepts local http receivers only with WEBHOOK_ALLOW_INSECURE_LOCAL", () => {
    for (const url of ["http://127.0.0.1:8806/hook", "http://localhost:3000/hook"]) {
      expect(webhookUrlProblem(url, true)).toBeNull();
      expect(refused(url, false)).toBe(true);
    }
    // The flag opens exactly these two hosts, not private ranges.
    expect(refused("http://10.0.0.1:8806/hook", true)).toBe(true);
    expect(refused("http://192.168.0.2/hook", true)).toBe(true);
    expect(refused("http://[::1]:8806/hook", true)).toBe(true);
  });
});
