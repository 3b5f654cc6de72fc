import Link from "next/link";

import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";

/** A signing secret right after it was made: the only time the console shows it. */
export function OneTimeSecret({ secret, endpointId }: { secret: string; endpointId?: string }) {
  return (
    <Alert tone="success">
      <p className="font-medium">Signing secret — shown this once. Store it in your receiver now.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid="signing-secret" className="rounded bg-white px-2 py-1 break-all">
          {secret}
        </code>
        <CopyButton value={secret} />
      </div>
      {endpointId ? (
        <Link className="mt-2 inline-block underline" href={`/webhooks/${endpointId}`}>
          Open the endpoint
        </Link>
      ) : null}
    </Alert>
  );
}
