import fc from "fast-check";

/** The JSON Schema subset @hono/zod-openapi emits (OpenAPI 3.1). */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  example?: unknown;
}

export type SchemaLookup = (ref: string) => JsonSchema;

const DAY_MS = 86_400_000;
const isoDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Dates near today (where sessions live) and anywhere in the API's 2000–2199 bounds. */
const dateArbitrary = fc.oneof(
  fc.integer({ min: -30, max: 120 }).map((d) => isoDate(Math.floor(Date.now() / DAY_MS) + d)),
  fc.integer({ min: 10_957, max: 84_005 }).map(isoDate),
);

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === "date") return dateArbitrary;
  if (schema.format === "email") return fc.emailAddress();
  if (schema.format === "uri") return fc.webUrl({ validSchemes: ["https"] });
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, minLength + 40);
  return fc.string({ minLength, maxLength });
}

function objectArbitrary(schema: JsonSchema, lookup: SchemaLookup, depth: number) {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    shape[name] = schemaArbitrary(property, lookup, depth + 1);
  }
  return fc.record(shape, { requiredKeys: schema.required ?? [] });
}

function typedArbitrary(
  type: string,
  schema: JsonSchema,
  lookup: SchemaLookup,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (type) {
    case "object":
      return objectArbitrary(schema, lookup, depth);
    case "array": {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? 4, minLength + 3);
      const items = schema.items
        ? schemaArbitrary(schema.items, lookup, depth + 1)
        : fc.jsonValue();
      return fc.array(items, { minLength, maxLength });
    }
    case "string":
      return stringArbitrary(schema);
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000_000 });
    case "number":
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return fc.jsonValue();
  }
}

/**
 * Values that follow a schema (mostly valid requests; cross-field rules are left to chance),
 * sometimes replaced by the schema's own example.
 */
export function schemaArbitrary(
  schema: JsonSchema,
  lookup: SchemaLookup,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (schema.$ref) return schemaArbitrary(lookup(schema.$ref), lookup, depth);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => schemaArbitrary(v, lookup, depth)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (depth > 6) return fc.constant(null);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? "any"];
  const generated = fc.oneof(...types.map((t) => typedArbitrary(t, schema, lookup, depth)));
  return schema.example === undefined
    ? generated
    : fc.oneof(
        { weight: 4, arbitrary: generated },
        { weight: 1, arbitrary: fc.constant(schema.example) },
      );
}
