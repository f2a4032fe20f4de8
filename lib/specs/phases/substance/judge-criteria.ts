import { isPlaceholderText, normaliseText } from "@/lib/specs/phases/substance/is-placeholder";

export interface CriteriaJudgement {
  /** 1-based positions of blank or placeholder criteria. */
  placeholders: number[];
  /** Criteria that appear more than once (as first written), compared case- and spacing-insensitively. */
  duplicates: string[];
  /** Distinct criteria with content: what actually counts towards "at least two". */
  checkable: number;
}

/** What a list of acceptance criteria is worth: placeholders and repeats do not count. */
export function judgeCriteria(criteria: readonly string[]): CriteriaJudgement {
  const placeholders: number[] = [];
  const seen = new Set<string>();
  const repeated = new Map<string, string>();
  criteria.forEach((criterion, i) => {
    if (isPlaceholderText(criterion)) {
      placeholders.push(i + 1);
      return;
    }
    const key = normaliseText(criterion);
    if (seen.has(key)) {
      if (!repeated.has(key)) repeated.set(key, criterion.trim());
    } else seen.add(key);
  });
  return { placeholders, duplicates: [...repeated.values()], checkable: seen.size };
}
