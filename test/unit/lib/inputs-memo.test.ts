import { describe, expect, it } from "vitest";
import { InputsMemo, type MemoEntry } from "../../../src/lib/inputs-memo";

const entry = (inputs: string, value: string, span: [number, number] = [100, 200]) =>
  ({
    inputs,
    computedAt: span[0],
    stableUntil: span[1],
    value,
    bytes: value.length,
  }) satisfies MemoEntry<string>;

describe("InputsMemo", () => {
  it("answers only for the same inputs inside [computedAt, stableUntil)", () => {
    const memo = new InputsMemo<string>(10_000);
    memo.set("k", entry("rows-1", "value-1"));
    expect(memo.get("k", "rows-1", 100)).toBe("value-1");
    expect(memo.get("k", "rows-1", 199)).toBe("value-1");
    expect(memo.get("k", "rows-1", 200)).toBeUndefined(); // the clock reached a change
    expect(memo.get("k", "rows-1", 99)).toBeUndefined(); // a clock that went back
    expect(memo.get("k", "rows-2", 150)).toBeUndefined(); // the rows changed
    expect(memo.get("other", "rows-1", 150)).toBeUndefined();
  });

  it("replaces an entry of the same key and keeps none whose span is empty", () => {
    const memo = new InputsMemo<string>(10_000);
    memo.set("k", entry("rows-1", "value-1"));
    memo.set("k", entry("rows-2", "value-2"));
    expect(memo.get("k", "rows-1", 150)).toBeUndefined();
    expect(memo.get("k", "rows-2", 150)).toBe("value-2");
    memo.set("k", entry("rows-3", "value-3", [150, 150]));
    expect(memo.get("k", "rows-3", 150)).toBeUndefined();
    expect(memo.size).toBe(0);
  });

  it("drops the least recently used entries once the byte budget is spent", () => {
    // Each entry costs its value's 100 bytes plus two per character of key and inputs (12).
    const memo = new InputsMemo<string>(3 * 112);
    const big = (n: number) => entry("rows", String(n).repeat(100));
    memo.set("a", big(1));
    memo.set("b", big(2));
    memo.set("c", big(3));
    expect(memo.get("a", "rows", 150)).toBeDefined(); // a is now the most recently used
    memo.set("d", big(4));
    expect(memo.size).toBe(3);
    expect(memo.get("b", "rows", 150)).toBeUndefined();
    for (const key of ["a", "c", "d"]) expect(memo.get(key, "rows", 150), key).toBeDefined();
  });

  it("never keeps an entry larger than the whole budget", () => {
    const memo = new InputsMemo<string>(50);
    memo.set("k", entry("rows", "x".repeat(100)));
    expect(memo.size).toBe(0);
  });
});
