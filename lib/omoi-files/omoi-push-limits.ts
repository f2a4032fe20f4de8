/**
 * What one push (POST /api/v1/projects/{projectId}/omoi-sync) takes, in one place: the server's schema enforces
 * these, and `omoi validate` reports them from the files before anything is sent. Field lengths live in the item
 * schemas (omoi-file-schemas.ts), which both sides share as well.
 */
export const OMOI_PUSH_LIMITS = {
  /** Bytes of the JSON body of a push (a whole folder can exceed the API's default body limit). */
  bodyBytes: 8 * 1024 * 1024,
  requirements: 200,
  tasks: 500,
  /** Large enough for a long chain of work imported from elsewhere; the graph checks are iterative. */
  tickets: 10_000,
  /** Characters of an item's `file` (its path inside `.omoi_os/`), which the server echoes in its plan. */
  fileName: 500,
} as const;

/**
 * Bounds on reading one file, so one hostile or broken file costs little and cannot take the others' diagnostics
 * with it: its size, how deeply its YAML nests (flow brackets, or indentation columns), and how many alias uses
 * its YAML may expand (a "billion laughs" file is a few lines that expand exponentially).
 */
export const OMOI_FILE_LIMITS = {
  bytes: 1024 * 1024,
  yamlFlowDepth: 64,
  yamlIndent: 256,
  yamlAliases: 100,
} as const;
