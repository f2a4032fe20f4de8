/**
 * The standing warning of a server whose agents run unconfined, at the top of every signed-in page. A named
 * landmark rather than role="alert": it is there from the first paint, not an event to announce, and must not
 * compete with a form's own alerts.
 */
export function IsolationBanner({ message }: { message: string }) {
  return (
    <aside
      aria-label="Security warning"
      className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900"
    >
      {message}
    </aside>
  );
}
