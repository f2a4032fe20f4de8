import { z } from "zod";

/** At most this many values are visited and this many fields named: the walk is bounded whatever is submitted. */
const MAX_VISITS = 20_000;
const MAX_NAMED = 20;

/**
 * The fields of `raw` that `schema` does not know, as paths ("requirements.0.rationale"). zod drops them on parse;
 * this names them so the model (and whoever reads the warnings) learns that they were not kept.
 */
export function findUnknownFields(schema: z.ZodType, raw: unknown): string[] {
  const found: string[] = [];
  let visits = 0;
  const walk = (type: z.ZodType, value: unknown, path: string) => {
    if (found.length >= MAX_NAMED || ++visits > MAX_VISITS) return;
    const inner = unwrap(type);
    if (inner instanceof z.ZodObject && isPlainObject(value)) {
      const shape = inner.shape as Record<string, z.ZodType>;
      for (const key of Object.keys(value)) {
        if (found.length >= MAX_NAMED || visits > MAX_VISITS) return;
        if (!Object.hasOwn(shape, key)) found.push(`${path}${key.slice(0, 60)}`);
        else walk(shape[key]!, value[key], `${path}${key}.`);
      }
    } else if (inner instanceof z.ZodArray && Array.isArray(value)) {
      const element = inner.element as z.ZodType;
      for (let i = 0; i < value.length && found.length < MAX_NAMED && visits <= MAX_VISITS; i++) walk(element, value[i], `${path}${i}.`);
    }
  };
  walk(schema, raw, "");
  return found;
}

/** Through default, optional and nullable wrappers to the type that has a shape or an element. */
function unwrap(type: z.ZodType): z.ZodType {
  let current = type;
  for (let depth = 0; depth < 10; depth++) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      current = current._zod.def.innerType as z.ZodType;
    } else break;
  }
  return current;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
