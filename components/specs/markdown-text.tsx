import Markdown, { type Components } from "react-markdown";
import { MARKDOWN_BLOCKS } from "@/components/ui/markdown";

const BLOCKS = MARKDOWN_BLOCKS;

// Inside a tab, under the page's h1 and the tab's h3s, the writer's headings start at h4.
const NESTED_HEADINGS: Components = {
  h1: ({ node: _node, ...props }) => <h4 className="mt-4 text-sm font-semibold text-zinc-900 first:mt-0" {...props} />,
  h2: ({ node: _node, ...props }) => <h4 className="mt-4 text-sm font-semibold text-zinc-900 first:mt-0" {...props} />,
  h3: ({ node: _node, ...props }) => <h5 className="mt-3 text-sm font-medium text-zinc-900 first:mt-0" {...props} />,
  h4: ({ node: _node, ...props }) => <h6 className="mt-3 text-xs font-semibold uppercase text-zinc-700 first:mt-0" {...props} />,
};

// Above the page's sections (the spec's description), a heading would break the page's outline: it reads as bold text.
const plainHeading: Components["h1"] = ({ node: _node, ...props }) => <p className="mt-2 font-semibold text-zinc-900 first:mt-0" {...props} />;
const PLAIN_HEADINGS: Components = { h1: plainHeading, h2: plainHeading, h3: plainHeading, h4: plainHeading, h5: plainHeading, h6: plainHeading };

// One line of a list (a convention, a risk): its paragraphs flow inline.
const INLINE: Components = { p: ({ node: _node, ...props }) => <span {...props} /> };

// Typed in a text box, a single newline is meant as one: kept as a line break inside its paragraph.
const BREAKS: Components = { p: ({ node: _node, ...props }) => <p className="mt-2 whitespace-pre-line leading-relaxed first:mt-0" {...props} /> };

/**
 * Text that people or agents wrote, as markdown: raw HTML is skipped (never rendered), and react-markdown's default
 * URL filter drops `javascript:` and other unsafe links. `inline` for one item of a list; `headings: "plain"` where a
 * heading would not fit the page's outline; `breaks` for what a person typed, whose single newlines are line breaks.
 */
export function MarkdownText({
  children,
  inline = false,
  headings = "nested",
  breaks = false,
}: {
  children: string;
  inline?: boolean;
  headings?: "nested" | "plain";
  breaks?: boolean;
}) {
  const components = { ...BLOCKS, ...(headings === "plain" ? PLAIN_HEADINGS : NESTED_HEADINGS), ...(breaks ? BREAKS : {}), ...(inline ? INLINE : {}) };
  return (
    <Markdown skipHtml components={components}>
      {children}
    </Markdown>
  );
}

/** A bulleted list of items people or agents wrote, each one markdown (code spans, emphasis, links). */
export function MarkdownList({ items }: { items: readonly string[] }) {
  return (
    <ul className="max-w-3xl list-disc space-y-1 pl-5">
      {items.map((item, index) => (
        <li key={index}>
          <MarkdownText inline>{item}</MarkdownText>
        </li>
      ))}
    </ul>
  );
}
