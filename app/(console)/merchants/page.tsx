import type { Metadata } from "next";

import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requirePagePermission } from "@/lib/auth/require-role";
import { listMerchants } from "@/lib/merchants/list-merchants";

export const metadata: Metadata = { title: "Merchants" };

export default async function MerchantsPage() {
  await requirePagePermission("merchants:read");
  const { merchants, total } = await listMerchants({ page: 1 });
  return (
    <>
      <PageHeader
        title="Merchants"
        description="MobilePay merchants linked to this integrator, in every environment."
      />
      {total === 0 ? (
        <EmptyState
          title="No merchants linked yet"
          description="Linking a merchant asks them to consent in MobilePay's portal. Once they do, their tokens are kept here, encrypted and refreshed."
        />
      ) : (
        <Table label="Merchants">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>VAT</Th>
              <Th>Environment</Th>
              <Th>Products</Th>
              <Th>Last activity</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {merchants.map((merchant) => (
              <tr key={merchant.id}>
                <Td className="font-medium">{merchant.name}</Td>
                <Td>{merchant.vatNumber}</Td>
                <Td>{merchant.environment}</Td>
                <Td>{merchant.products}</Td>
                <Td>{merchant.updatedAt.toISOString()}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
