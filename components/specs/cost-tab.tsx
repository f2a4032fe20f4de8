import type { SpecDetail } from "@/lib/specs/get-spec-detail";
import { EmptyState } from "@/components/ui/empty-state";
import { formatTokens, formatUsd } from "./spec-status";

type CostRow = SpecDetail["costByPhase"][number];

/** What each phase cost: attempts, tokens (cache included) and dollars, with the total. */
export function CostTab({ rows, specCostUsd }: { rows: readonly CostRow[]; specCostUsd: number }) {
  if (rows.every((row) => row.attempts === 0) && specCostUsd === 0) {
    return <EmptyState title="Nothing spent yet" description="Costs appear here once the agent makes its first model call." />;
  }
  const total = rows.reduce(
    (sum, row) => ({
      attempts: sum.attempts + row.attempts,
      tokensIn: sum.tokensIn + row.tokensIn,
      tokensOut: sum.tokensOut + row.tokensOut,
      cacheReadTokens: sum.cacheReadTokens + row.cacheReadTokens,
      cacheWriteTokens: sum.cacheWriteTokens + row.cacheWriteTokens,
      costUsd: sum.costUsd + row.costUsd,
    }),
    { attempts: 0, tokensIn: 0, tokensOut: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 },
  );
  const cell = "px-3 py-1.5 text-right tabular-nums";
  return (
    // A keyboard user must be able to scroll the table sideways on a narrow screen: the scroller takes focus.
    <div role="region" aria-label="Cost per phase" tabIndex={0} className="overflow-x-auto rounded focus-visible:outline-2 focus-visible:outline-indigo-600">
      <table className="w-full min-w-[36rem] text-sm">
        <caption className="sr-only">Cost per phase</caption>
        <thead className="text-xs text-zinc-500">
          <tr className="border-b border-zinc-200">
            <th scope="col" className="px-3 py-1.5 text-left font-medium">Phase</th>
            <th scope="col" className={`${cell} font-medium`}>Attempts</th>
            <th scope="col" className={`${cell} font-medium`}>Tokens in</th>
            <th scope="col" className={`${cell} font-medium`}>Tokens out</th>
            <th scope="col" className={`${cell} font-medium`}>Cache read</th>
            <th scope="col" className={`${cell} font-medium`}>Cache write</th>
            <th scope="col" className={`${cell} font-medium`}>Cost</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.phase} className="border-b border-zinc-100">
              <th scope="row" className="px-3 py-1.5 text-left font-normal capitalize">
                {row.phase}
              </th>
              <td className={cell}>{row.attempts}</td>
              <td className={cell}>{formatTokens(row.tokensIn)}</td>
              <td className={cell}>{formatTokens(row.tokensOut)}</td>
              <td className={cell}>{formatTokens(row.cacheReadTokens)}</td>
              <td className={cell}>{formatTokens(row.cacheWriteTokens)}</td>
              <td className={cell}>{formatUsd(row.costUsd)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="font-medium">
          <tr>
            <th scope="row" className="px-3 py-1.5 text-left">
              Total
            </th>
            <td className={cell}>{total.attempts}</td>
            <td className={cell}>{formatTokens(total.tokensIn)}</td>
            <td className={cell}>{formatTokens(total.tokensOut)}</td>
            <td className={cell}>{formatTokens(total.cacheReadTokens)}</td>
            <td className={cell}>{formatTokens(total.cacheWriteTokens)}</td>
            <td className={cell}>{formatUsd(total.costUsd)}</td>
          </tr>
        </tfoot>
      </table>
      {/* The spec's own total also counts work outside the phases (its tickets' agents). */}
      {Math.abs(specCostUsd - total.costUsd) >= 0.0001 ? (
        <p className="mt-2 px-3 text-xs text-zinc-500">The spec has cost {formatUsd(specCostUsd)} in all, its tickets&apos; work included.</p>
      ) : null}
    </div>
  );
}
