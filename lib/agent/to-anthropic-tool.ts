import type Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";

/** The Anthropic tool definition of a tool, its input_schema generated from the tool's zod schema. */
export function toAnthropicTool(tool: { name: string; description: string; inputSchema: z.ZodType }): Anthropic.Tool {
  // "input": fields with defaults are optional for the model, as they are for our parser.
  const { $schema: _dialect, description: _description, ...schema } = z.toJSONSchema(tool.inputSchema, {
    io: "input",
    // z.number().int() states the safe-integer range; it tells the model nothing and costs tokens on every call.
    override: ({ jsonSchema }) => {
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
    },
  });
  if (schema.type !== "object") throw new Error(`Tool ${tool.name}: the input schema must be a zod object`);
  return { name: tool.name, description: tool.description, input_schema: { ...schema, type: "object" } };
}
