"use client";

import type { CreatedApiKeyDto } from "@/lib/api-keys/api-key-schemas";
import { OneTimeSecret } from "@/components/ui/one-time-secret";

export function NewApiKey({ apiKey, onDismiss }: { apiKey: CreatedApiKeyDto; onDismiss: () => void }) {
  return (
    <OneTimeSecret
      title={<>Key “{apiKey.name}” created</>}
      hint="Copy this key now; it will not be shown again."
      value={apiKey.key}
      noun="key"
      testId="new-api-key"
      onDismiss={onDismiss}
    />
  );
}
