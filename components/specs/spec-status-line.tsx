import type { BadgeTone } from "./spec-status";
import type { SpecStory, StoryProgress } from "./spec-story";

// Each at least 4.5:1 on white.
const TEXT: Record<BadgeTone, string> = {
  neutral: "text-zinc-900",
  accent: "text-indigo-700",
  success: "text-emerald-700",
  warning: "text-amber-800",
  danger: "text-red-700",
};
const DOT: Record<BadgeTone, string> = {
  neutral: "bg-zinc-400",
  accent: "bg-indigo-500 animate-pulse",
  success: "bg-emerald-500",
  warning: "bg-amber-500",
  danger: "bg-red-500",
};

/**
 * The spec's one status line and its two labelled bars — Plan (phases passed of five) and Build (tickets integrated
 * of all, once there are tickets) — all from one story (spec-story.ts), so nothing beside them can say otherwise.
 */
export function SpecStatusLine({ story }: { story: SpecStory }) {
  return (
    <div className="space-y-2">
      <p role="status" aria-label="Spec status" className={`flex items-start gap-2 text-sm font-medium break-words ${TEXT[story.tone]}`}>
        <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${DOT[story.tone]}`} />
        <span className="min-w-0">{story.line}</span>
      </p>
      {story.detail ? (
        <details className="text-xs text-zinc-700">
          <summary className="cursor-pointer text-zinc-600 focus-visible:outline-2 focus-visible:outline-indigo-600">The whole reason</summary>
          <pre tabIndex={0} className="mt-1 max-h-64 overflow-auto rounded bg-zinc-50 p-2 whitespace-pre-wrap break-words focus-visible:outline-2 focus-visible:outline-indigo-600">
            {story.detail}
          </pre>
        </details>
      ) : null}
      <div className="flex flex-wrap gap-x-6 gap-y-1.5">
        <StoryBar label="Plan" progress={story.plan} />
        {story.build ? <StoryBar label="Build" progress={story.build} /> : null}
      </div>
    </div>
  );
}

function StoryBar({ label, progress }: { label: string; progress: StoryProgress }) {
  const percent = progress.max === 0 ? 0 : Math.round((progress.value / progress.max) * 100);
  return (
    <div className="flex items-center gap-2 text-xs">
      <span aria-hidden className="w-9 font-medium text-zinc-700">
        {label}
      </span>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={progress.max}
        aria-valuenow={progress.value}
        aria-valuetext={progress.text}
        className="h-1.5 w-36 overflow-hidden rounded-full bg-zinc-200"
      >
        <div className="h-full rounded-full bg-indigo-600 transition-[width] duration-500" style={{ width: `${percent}%` }} />
      </div>
      <span className="tabular-nums text-zinc-600">{progress.text}</span>
    </div>
  );
}
