import Link from "next/link";
import { ApiError } from "@/lib/http/api-client";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * What a page shows when the thing it is about could not be loaded: always a heading, and for a 404 (it does not
 * exist, or it is not the caller's to see — the API does not say which, nor does this) a way back instead of a bare
 * banner. Any other failure shows the API's message.
 */
export function PageLoadError(props: { error: unknown; what: string; backHref: string; backLabel: string; onRetry?: () => void }) {
  const { error, what, backHref, backLabel, onRetry } = props;
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 403);
  if (!notFound) {
    return (
      <div className="mx-auto max-w-3xl">
        <h1 className="mb-4 text-lg font-semibold">{what}</h1>
        <ApiErrorAlert error={error} />
        {onRetry ? (
          <Button variant="secondary" className="mt-3" onClick={onRetry}>
            Try again
          </Button>
        ) : null}
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="sr-only">{what} not found</h1>
      <EmptyState
        title={`${what} not found`}
        description="It was deleted, or it belongs to an organization you are not a member of."
        action={
          <Link href={backHref} className={buttonClasses({ variant: "secondary" })}>
            {backLabel}
          </Link>
        }
      />
    </div>
  );
}
