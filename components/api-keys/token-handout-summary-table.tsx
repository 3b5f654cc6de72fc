import Link from "next/link";

import { LocalTime } from "@/components/ui/local-time";
import { Table, Td, Th } from "@/components/ui/table";

export type TokenHandoutSummaryRow = {
  merchantId: string;
  merchantName: string;
  environment: string;
  apiKeyId: string;
  apiKeyName: string | null;
  handouts: number;
  refreshed: number;
  lastAt: string;
};

/** Who got which merchant's access token: one row per merchant and key. */
export function TokenHandoutSummaryTable({ rows, label }: { rows: TokenHandoutSummaryRow[]; label: string }) {
  return (
    <Table label={label}>
      <thead>
        <tr>
          <Th>Merchant</Th>
          <Th>API key</Th>
          <Th>Handouts</Th>
          <Th>Refreshed first</Th>
          <Th>Last</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={`${row.merchantId}:${row.apiKeyId}`} data-testid="token-handout-summary-row">
            <Td>
              <Link
                className="font-medium text-blue-700 hover:underline"
                href={`/merchants/${encodeURIComponent(row.merchantId)}/token-handouts`}
              >
                <bdi>{row.merchantName}</bdi>
              </Link>
              <span className="block text-xs text-slate-500">{row.environment}</span>
            </Td>
            <Td>
              <bdi>{row.apiKeyName ?? row.apiKeyId}</bdi>
            </Td>
            <Td>{row.handouts}</Td>
            <Td>{row.refreshed}</Td>
            <Td>
              <LocalTime iso={row.lastAt} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
