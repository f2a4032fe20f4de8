import { createElement, type ComponentProps } from "react";
import ReactMarkdown, { type Components } from "react-markdown";

type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

const HEADING_CLASSES: Record<HeadingLevel, string> = {
  1: "mt-4 text-base font-semibold text-zinc-900 first:mt-0",
  2: "mt-4 text-sm font-semibold text-zinc-900 first:mt-0",
  3: "mt-4 text-sm font-semibold text-zinc-900 first:mt-0",
  4: "mt-3 text-sm font-semibold text-zinc-900 first:mt-0",
  5: "mt-3 text-xs font-semibold uppercase text-zinc-700 first:mt-0",
  6: "mt-3 text-xs font-semibold uppercase text-zinc-700 first:mt-0",
};

/** The look of markdown's blocks (everything but headings), shared by every place that renders markdown. */
export const MARKDOWN_BLOCKS: Components = {
  p: ({ node: _node, ...props }) => <p className="mt-2 leading-relaxed first:mt-0" {...props} />,
  ul: ({ node: _node, ...props }) => <ul className="mt-2 list-disc space-y-1 pl-5 first:mt-0" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="mt-2 list-decimal space-y-1 pl-5 first:mt-0" {...props} />,
  a: ({ node: _node, ...props }) => <a className="text-indigo-700 underline focus-visible:outline-2 focus-visible:outline-indigo-600" rel="noreferrer" {...props} />,
  code: ({ node: _node, ...props }) => <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.85em] text-zinc-900" {...props} />,
  // Focusable, so a long line can be scrolled to with the keyboard.
  pre: ({ node: _node, ...props }) => (
    <pre
      tabIndex={0}
      className="mt-2 overflow-x-auto rounded bg-zinc-50 p-3 text-xs focus-visible:outline-2 focus-visible:outline-indigo-600 [&_code]:bg-transparent [&_code]:p-0"
      {...props}
    />
  ),
  blockquote: ({ node: _node, ...props }) => <blockquote className="mt-2 border-l-2 border-zinc-300 pl-3 text-zinc-600" {...props} />,
  table: ({ node: _node, ...props }) => <table className="mt-2 w-full text-left text-xs" {...props} />,
  th: ({ node: _node, ...props }) => <th className="border-b border-zinc-200 py-1 pr-3 font-medium" {...props} />,
  td: ({ node: _node, ...props }) => <td className="border-b border-zinc-100 py-1 pr-3" {...props} />,
};

/**
 * The markdown's own headings start at `headingLevel` (its `#` is that level, `##` the next…), so text written by
 * people or agents fits under the page's outline instead of adding a second h1. `node` is dropped from each element's
 * props: react-markdown passes the syntax-tree node, which is no DOM attribute.
 */
function componentsFor(headingLevel: HeadingLevel): Components {
  const heading = (depth: number) => {
    const level = Math.min(6, headingLevel + depth - 1) as HeadingLevel;
    return function Heading({ node: _node, ...props }: ComponentProps<"h1"> & { node?: unknown }) {
      return createElement(`h${level}`, { ...props, className: HEADING_CLASSES[level] });
    };
  };
  return {
    h1: heading(1),
    h2: heading(2),
    h3: heading(3),
    h4: heading(4),
    h5: heading(5),
    h6: heading(6),
    ...MARKDOWN_BLOCKS,
  };
}

const COMPONENTS = new Map<HeadingLevel, Components>();

/**
 * Markdown written by people or agents (ticket descriptions, agents' summaries), rendered as React elements: raw
 * HTML in it is skipped, never injected, and links keep no referrer.
 */
export function Markdown({ children, headingLevel = 3, className }: { children: string; headingLevel?: HeadingLevel; className?: string }) {
  let components = COMPONENTS.get(headingLevel);
  if (!components) COMPONENTS.set(headingLevel, (components = componentsFor(headingLevel)));
  return (
    <div className={`min-w-0 break-words ${className ?? ""}`}>
      <ReactMarkdown skipHtml components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
