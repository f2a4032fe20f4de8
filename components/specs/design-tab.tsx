import type { SpecDetail } from "@/lib/specs/get-spec-detail";
import { EmptyState } from "@/components/ui/empty-state";
import { MarkdownList, MarkdownText } from "./markdown-text";
import { TabSection as Section } from "./tab-section";
import { designComponents, designDataModels, designEndpoints, linesOf } from "./spec-content";

type Design = NonNullable<SpecDetail["design"]>;

/** The design: the architecture (markdown, raw HTML skipped) and the structured parts the agent produced. */
export function DesignTab({ design, emptyHint }: { design: SpecDetail["design"]; emptyHint: string }) {
  if (!design) return <EmptyState title="No design yet" description={emptyHint} />;
  return <DesignBody design={design} />;
}

function DesignBody({ design }: { design: Design }) {
  const components = designComponents(design.components);
  const dataModels = designDataModels(design.dataModels);
  const endpoints = designEndpoints(design.apiEndpoints);
  const errorHandling = linesOf(design.errorHandling);
  const security = linesOf(design.securityNotes);
  return (
    <div className="space-y-6 text-sm text-zinc-800">
      <Section emptyText="None in this design." title="Architecture">
        <div className="max-w-3xl">
          <MarkdownText>{design.architecture}</MarkdownText>
        </div>
      </Section>

      <Section emptyText="None in this design." title="Components" empty={components.length === 0}>
        <ul className="grid gap-2 lg:grid-cols-2">
          {components.map((component) => (
            <li key={component.name} className="rounded-md border border-zinc-200 p-3">
              <p className="font-medium text-zinc-900">{component.name}</p>
              <div className="mt-0.5 text-zinc-600">
                <MarkdownText inline>{component.responsibility}</MarkdownText>
              </div>
              {component.interfaces.length > 0 ? (
                <ul className="mt-2 space-y-0.5">
                  {component.interfaces.map((item) => (
                    <li key={item}>
                      <code className="break-all font-mono text-xs text-zinc-700">{item}</code>
                    </li>
                  ))}
                </ul>
              ) : null}
              {component.files.length > 0 ? <p className="mt-2 break-all font-mono text-[11px] text-zinc-500">{component.files.join(", ")}</p> : null}
            </li>
          ))}
        </ul>
      </Section>

      <Section emptyText="None in this design." title="Data models" empty={dataModels.length === 0}>
        <div className="space-y-3">
          {dataModels.map((model) => (
            <table key={model.name} className="w-full max-w-3xl text-left text-xs">
              <caption className="pb-1 text-left text-sm font-medium text-zinc-900">{model.name}</caption>
              <thead className="text-zinc-500">
                <tr className="border-b border-zinc-200">
                  <th scope="col" className="py-1 pr-3 font-medium">Field</th>
                  <th scope="col" className="py-1 pr-3 font-medium">Type</th>
                  <th scope="col" className="py-1 font-medium">Notes</th>
                </tr>
              </thead>
              <tbody>
                {model.fields.map((field) => (
                  <tr key={field.name} className="border-b border-zinc-100">
                    <td className="py-1 pr-3 font-mono">{field.name}</td>
                    <td className="py-1 pr-3 font-mono text-zinc-600">{field.type}</td>
                    <td className="py-1 text-zinc-600">{field.notes ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      </Section>

      <Section emptyText="None in this design." title="API endpoints" empty={endpoints.length === 0}>
        <ul className="space-y-1.5">
          {endpoints.map((endpoint) => (
            <li key={`${endpoint.method} ${endpoint.path}`} className="flex flex-wrap items-baseline gap-2">
              <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs font-semibold">{endpoint.method}</code>
              <code className="break-all font-mono text-xs">{endpoint.path}</code>
              <span className="text-zinc-600">{endpoint.description}</span>
            </li>
          ))}
        </ul>
      </Section>

      <Section emptyText="None in this design." title="Error handling" empty={errorHandling.length === 0}>
        <MarkdownList items={errorHandling} />
      </Section>

      <Section emptyText="None in this design." title="Testing strategy" empty={!design.testingStrategy}>
        <div className="max-w-3xl">
          <MarkdownText>{design.testingStrategy ?? ""}</MarkdownText>
        </div>
      </Section>

      <Section emptyText="None in this design." title="Security" empty={security.length === 0}>
        <MarkdownList items={security} />
      </Section>
    </div>
  );
}

