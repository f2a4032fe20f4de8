"use client";

import type { SpecDto } from "@/lib/specs/spec-schemas";
import { specIdOfScope } from "@/components/board/board-scope";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";

const PEOPLE_SCOPES = [
  { scope: "all", label: "All" },
  { scope: "mine", label: "Mine" },
  { scope: "unassigned", label: "Unassigned" },
] as const;

export interface BoardFiltersProps {
  scope: string;
  specs: readonly SpecDto[] | undefined;
  onScopeChange: (scope: string) => void;
}

/** Whose tickets (all, mine, unassigned) or which spec's: one scope at a time, as the API takes it. */
export function BoardFilters({ scope, specs, onScopeChange }: BoardFiltersProps) {
  const specId = specIdOfScope(scope);
  const isListed = !specId || (specs?.some((spec) => spec.id === specId) ?? false);
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div role="group" aria-label="Show tickets" className="inline-flex rounded-md border border-zinc-300 bg-white p-0.5 shadow-xs">
        {PEOPLE_SCOPES.map((option) => {
          const isPressed = scope === option.scope;
          return (
            <button
              key={option.scope}
              type="button"
              aria-pressed={isPressed}
              onClick={() => onScopeChange(option.scope)}
              className={[
                "h-7 rounded px-2.5 text-xs font-medium transition-colors",
                "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600",
                isPressed ? "bg-indigo-600 text-white" : "text-zinc-700 hover:bg-zinc-100",
              ].join(" ")}
            >
              {option.label}
            </button>
          );
        })}
      </div>
      <Field label="Spec" className="w-64 max-w-full">
        {(control) => (
          <Select
            {...control}
            value={specId ?? ""}
            onChange={(event) => onScopeChange(event.target.value ? `spec:${event.target.value}` : "all")}
          >
            <option value="">All specs</option>
            {specs?.map((spec) => (
              <option key={spec.id} value={spec.id}>
                {spec.title}
              </option>
            ))}
            {isListed || !specId ? null : <option value={specId}>{specs ? "Unknown spec" : "Loading…"}</option>}
          </Select>
        )}
      </Field>
    </div>
  );
}
