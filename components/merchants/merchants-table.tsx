"use client";

import { ConnectionStateBadge } from "@/components/merchants/connection-state-badge";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td, Th } from "@/components/ui/table";
import { useInAppLinks } from "@/components/ui/use-in-app-links";
import type { ConnectionState } from "@/lib/tokens/connection-state";

export type MerchantRow = {
  id: string;
  name: string;
  vatNumber: string;
  environment: string;
  scopes: string;
  state: ConnectionState;
  accessTokenExpiresAt: string | null;
  lastActivityAt: string;
};

/**
 * A page of merchants. A client component on purpose: the server sends the rows as data and renders their
 * markup once, into the HTML, instead of rendering every cell for the RSC payload as well and sending it
 * twice. Its links are plain anchors that open pages inside the app through useInAppLinks.
 */
export function MerchantsTable({
  merchants,
  environmentLabel,
}: {
  merchants: MerchantRow[];
  environmentLabel: Record<string, string>;
}) {
  const inAppLinks = useInAppLinks();
  return (
    <Table label="Merchants">
      <thead>
        <tr>
          <Th>Name</Th>
          {/* On phones VAT and environment go under the name, so the state stays in sight. */}
          <Th className="hidden md:table-cell">VAT</Th>
          <Th className="hidden md:table-cell">Environment</Th>
          <Th className="hidden lg:table-cell">Scopes</Th>
          <Th>State</Th>
          <Th className="hidden sm:table-cell">Access token expires</Th>
          <Th>Last activity</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100" {...inAppLinks}>
        {merchants.map((merchant) => (
          <tr key={merchant.id}>
            <Td className="font-medium">
              <a href={`/merchants/${merchant.id}`} className="text-blue-700 hover:underline">
                <bdi>{merchant.name}</bdi>
              </a>
              <div className="text-xs font-normal text-slate-500 md:hidden">
                {merchant.vatNumber} · {environmentLabel[merchant.environment] ?? merchant.environment}
              </div>
            </Td>
            <Td className="hidden md:table-cell">{merchant.vatNumber}</Td>
            <Td className="hidden md:table-cell">{environmentLabel[merchant.environment] ?? merchant.environment}</Td>
            <Td className="hidden text-xs lg:table-cell">{merchant.scopes}</Td>
            <Td>
              <ConnectionStateBadge state={merchant.state} />
            </Td>
            <Td className="hidden text-xs sm:table-cell">
              {merchant.accessTokenExpiresAt ? <LocalTime iso={merchant.accessTokenExpiresAt} /> : "—"}
            </Td>
            <Td className="text-xs">
              <LocalTime iso={merchant.lastActivityAt} />
            </Td>
          </tr>
        ))}
        {merchants.length === 0 ? (
          <tr>
            <Td colSpan={7} className="py-8 text-center text-slate-500">
              No merchants match these filters.
            </Td>
          </tr>
        ) : null}
      </tbody>
    </Table>
  );
}
