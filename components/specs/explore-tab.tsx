import type { SpecDetail } from "@/lib/specs/get-spec-detail";
import { EmptyState } from "@/components/ui/empty-state";
import { MarkdownList, MarkdownText } from "./markdown-text";
import { TabSection as Section } from "./tab-section";

type Explore = NonNullable<SpecDetail["explore"]>;

/**
 * What EXPLORE found in the repository — the ground the requirements and the design stand on, so a reviewer can
 * judge them against it: the summary (markdown), the stack, the key files and why, the codebase's habits, the
 * patterns to follow, the risks and what is still open.
 */
export function ExploreTab({ explore, emptyHint }: { explore: SpecDetail["explore"]; emptyHint: string }) {
  if (!explore) return <EmptyState title="Nothing explored yet" description={emptyHint} />;
  return <ExploreBody explore={explore} />;
}

function ExploreBody({ explore }: { explore: Explore }) {
  return (
    <div className="space-y-6 text-sm text-zinc-800">
      <Section emptyText="None found." title="Summary">
        <div className="max-w-3xl">
          <MarkdownText>{explore.summary}</MarkdownText>
        </div>
      </Section>

      <Section emptyText="None found." title="Tech stack" empty={explore.techStack.length === 0}>
        <ul className="flex flex-wrap gap-1.5">
          {explore.techStack.map((item) => (
            <li key={item} className="rounded bg-zinc-100 px-2 py-0.5 text-xs text-zinc-800">
              {item}
            </li>
          ))}
        </ul>
      </Section>

      <Section emptyText="None found." title="Key files" empty={explore.keyFiles.length === 0}>
        <ul className="max-w-3xl divide-y divide-zinc-100 rounded-md border border-zinc-200">
          {explore.keyFiles.map((file) => (
            <li key={file.path} className="px-3 py-2">
              <code className="break-all font-mono text-xs font-medium text-zinc-900">{file.path}</code>
              <div className="mt-0.5 text-zinc-600">
                <MarkdownText inline>{file.purpose}</MarkdownText>
              </div>
            </li>
          ))}
        </ul>
      </Section>

      <Section emptyText="None found." title="Conventions" empty={explore.conventions.length === 0}>
        <MarkdownList items={explore.conventions} />
      </Section>

      <Section emptyText="None found." title="Patterns to follow" empty={explore.relevantPatterns.length === 0}>
        <ul className="max-w-3xl space-y-2">
          {explore.relevantPatterns.map((pattern) => (
            <li key={pattern.pattern}>
              <p className="font-medium text-zinc-900">{pattern.pattern}</p>
              <div className="text-zinc-600">
                <MarkdownText inline>{pattern.description}</MarkdownText>
              </div>
              {pattern.files.length > 0 ? <p className="mt-0.5 break-all font-mono text-[11px] text-zinc-500">{pattern.files.join(", ")}</p> : null}
            </li>
          ))}
        </ul>
      </Section>

      <Section emptyText="None found." title="Risks" empty={explore.risks.length === 0}>
        <MarkdownList items={explore.risks} />
      </Section>

      <Section emptyText="None found." title="Open questions" empty={explore.openQuestions.length === 0}>
        <MarkdownList items={explore.openQuestions} />
      </Section>
    </div>
  );
}

