import fc from "fast-check";

/** Values that broke or could break a service: edges of dates, numbers, strings and shapes. */
export const POISON: readonly unknown[] = [
  null,
  "",
  " ",
  "9999-12-31",
  "9999-12-31T23:00:00-14:00",
  "10000-01-01",
  "0000-00-00",
  "1999-12-31",
  "2199-12-31",
  "2199-12-31T23:59:59+14:00",
  "2026-02-29",
  "24:00",
  "23:60",
  "Mars/Olympus",
  "+01:00",
  "europe/berlin",
  -1,
  0,
  1.5,
  2 ** 53,
  -(2 ** 31),
  1e308,
  true,
  [],
  {},
  [null],
  "x".repeat(5_000),
  "\u0000",
  "😀".repeat(50),
  "__proto__",
  "constructor",
  "'; DROP TABLE bookings;--",
  "ses_x_99991231_0700",
  "ses_abc_20261301_0700",
  "GENERAL",
  "sm_unknownunknown0000",
];

type Path = (string | number)[];

/** Every path inside a JSON value (the value itself first). */
function pathsOf(value: unknown, path: Path = [], into: Path[] = []): Path[] {
  into.push(path);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      pathsOf(item, [...path, i], into);
    });
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], into);
  }
  return into;
}

function setAt(root: unknown, path: Path, update: (old: unknown) => unknown | typeof REMOVE) {
  if (path.length === 0) return update(root);
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  const next = update(parent[last]);
  if (next === REMOVE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = next;
  return copy;
}

const REMOVE = Symbol("remove");

/** The object with one more own field (defined, so "__proto__" becomes a real key). */
function withField(old: unknown, name: string): unknown {
  const base = old && typeof old === "object" && !Array.isArray(old) ? { ...old } : { value: old };
  return Object.defineProperty(base, name, {
    value: 1,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

export type Mutation =
  | { kind: "none" }
  | { kind: "poison"; at: number; value: unknown }
  | { kind: "remove"; at: number }
  | { kind: "unknown-field"; at: number; name: string }
  | { kind: "repeat"; at: number; times: number };

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: "none" as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("poison" as const),
      at: fc.nat(),
      value: fc.oneof(fc.constantFrom(...POISON), fc.jsonValue({ maxDepth: 2 })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("remove" as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("unknown-field" as const),
      at: fc.nat(),
      name: fc.constantFrom("__proto__", "constructor", "unknown", "id", "organization_id"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("repeat" as const),
      at: fc.nat(),
      times: fc.constantFrom(99, 101, 150, 400),
    }),
  },
);

/** The value with one mutation applied at one of its paths (chosen by `at`). */
export function mutate(value: unknown, mutation: Mutation): unknown {
  if (mutation.kind === "none") return value;
  const paths = pathsOf(value);
  const path = paths[mutation.at % paths.length] ?? [];
  switch (mutation.kind) {
    case "poison":
      return setAt(value, path, () => mutation.value);
    case "remove":
      return path.length === 0 ? undefined : setAt(value, path, () => REMOVE);
    case "unknown-field":
      return setAt(value, path, (old) => withField(old, mutation.name));
    case "repeat":
      // Distinct copies (a numbered suffix on strings), so no de-duplication shrinks the list.
      return setAt(value, path, (old) =>
        Array.from({ length: mutation.times }, (_, i) =>
          typeof old === "string" ? `${old}${i}` : old,
        ),
      );
  }
}
