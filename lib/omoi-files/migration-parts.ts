import { hasContent } from "@/lib/omoi-files/check-unknown-fields";
import { PREDECESSOR_HEADING, summarize } from "@/lib/omoi-files/predecessor-values";

/** A predecessor file as read: its frontmatter fields and its markdown body. */
export interface SourceFile {
  relPath: string;
  data: Record<string, unknown>;
  body: string;
}

/** A file in our format, before rendering. */
export interface MigratedFile {
  relPath: string;
  frontmatter: Record<string, unknown>;
  body: string;
}

/** What `omoi migrate` learned from all files, that each file's conversion needs. */
export interface MigrationContext {
  /** Predecessor requirement id → ours (REQ-AUTH-FUNC-001 → REQ-AUTHFUNC-001). */
  requirementIds: ReadonlyMap<string, string>;
  ticketIds: ReadonlySet<string>;
  taskIds: ReadonlySet<string>;
  /** Tickets and tasks named in another file's `blocks`: they depend on that file's item. */
  ticketBlockedBy: ReadonlyMap<string, readonly string[]>;
  taskBlockedBy: ReadonlyMap<string, readonly string[]>;
  /** A ticket's one task (ours link one task per ticket); tickets with several keep the list in the body. */
  ticketTask: ReadonlyMap<string, string>;
  /** A task's parent ticket's priority: the default when the task has none. */
  parentPriority: ReadonlyMap<string, string>;
}

/**
 * The frontmatter of a predecessor file, consumed field by field: whatever a conversion does not take is what
 * OmoiOS has no field for, and goes to the body's "Predecessor fields" section. So nothing with content can be
 * lost by forgetting a field.
 */
export class FieldReader {
  private readonly left: Record<string, unknown>;
  constructor(data: Record<string, unknown>) {
    this.left = { ...data };
  }
  take(field: string): unknown {
    const value = this.left[field];
    delete this.left[field];
    return value;
  }
  /** Puts a (partly used) value back, to be kept in the body. */
  keep(field: string, value: unknown) {
    if (hasContent(value)) this.left[field] = value;
  }
  rest(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.left).filter(([, value]) => hasContent(value)));
  }
}

/** The per-file report of `omoi migrate`: one line per field, saying where its content went. */
export class MoveLog {
  readonly lines: string[] = [];
  moved(from: string, to: string, value?: unknown) {
    this.lines.push(`${from} → ${to}${value === undefined || !hasContent(value) ? "" : `: ${summarize(value)}`}`);
  }
  /** Every field left in the reader goes to the body; one line each. */
  keptInBody(fields: Record<string, unknown>, heading = PREDECESSOR_HEADING) {
    for (const [field, value] of Object.entries(fields)) this.moved(field, `body "${heading}"`, value);
  }
  note(text: string) {
    this.lines.push(`note: ${text}`);
  }
}
