"use client";

import Link from "next/link";
import { useState } from "react";
import type { StoredEventDto } from "@/lib/events/list-events";
import { describeEvent } from "./describe-event";

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });

/**
 * What a timeline row's "Details" opens: a title, the event's fields as a readable list and where it came from, with
 * the stored JSON one toggle away (for bug reports and fields this build has no words for).
 */
export function EventDetails({ event, id }: { event: StoredEventDto; id: string }) {
  const [isRaw, setIsRaw] = useState(false);
  const { title, fields } = describeEvent(event);
  return (
    <div id={id} className="mx-3 mb-2 rounded border border-zinc-200 bg-white p-2 text-zinc-800">
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="text-xs font-semibold text-zinc-900">{title}</h3>
        <button
          type="button"
          aria-pressed={isRaw}
          onClick={() => setIsRaw((value) => !value)}
          className="shrink-0 cursor-pointer rounded px-1 text-[11px] text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          Raw<span className="sr-only"> JSON of event {event.seq}</span>
        </button>
      </div>
      {isRaw ? (
        <pre
          tabIndex={0}
          aria-label={`Raw JSON of event ${event.seq}`}
          className="mt-1.5 max-h-64 overflow-auto rounded bg-zinc-900 p-2 font-mono text-[11px] leading-snug text-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-400"
        >
          {JSON.stringify(event, null, 2)}
        </pre>
      ) : (
        <dl className="mt-1.5 grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 gap-y-1 text-[11px]">
          {fields.map((field, index) => (
            <div key={`${index}-${field.label}`} className={field.isBlock ? "col-span-2" : "contents"}>
              <dt className="text-zinc-600">{field.label}</dt>
              {field.isBlock ? (
                // Long values scroll within a bounded box, which takes focus so the keyboard can scroll it too.
                <dd
                  tabIndex={0}
                  className="mt-0.5 max-h-48 min-w-0 overflow-auto whitespace-pre-wrap break-words rounded bg-zinc-50 px-1.5 py-1 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  {field.value}
                </dd>
              ) : (
                <dd className="min-w-0 break-words">{field.value}</dd>
              )}
            </div>
          ))}
          <div className="contents">
            <dt className="text-zinc-600">When</dt>
            <dd>
              <time dateTime={event.createdAt}>{dateTime.format(new Date(event.createdAt))}</time>
            </dd>
          </div>
          <div className="contents">
            <dt className="text-zinc-600">From</dt>
            <dd className="min-w-0 break-words">
              {SOURCES[event.source]}
              {event.sandboxId ? (
                <>
                  {" · "}
                  <Link href={`/sandboxes/${event.sandboxId}`} className="text-indigo-700 underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                    its sandbox
                  </Link>
                </>
              ) : null}
              {` · event ${event.seq}`}
            </dd>
          </div>
        </dl>
      )}
    </div>
  );
}

const SOURCES: Record<StoredEventDto["source"], string> = { agent: "the agent", worker: "the server's worker", system: "the server" };
