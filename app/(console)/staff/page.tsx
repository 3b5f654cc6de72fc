import type { Metadata } from "next";

import { CreateStaffForm } from "@/components/staff/create-staff-form";
import { StaffTable } from "@/components/staff/staff-table";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { accountsHeldBack } from "@/lib/auth/login-throttle";
import { requirePagePermission } from "@/lib/auth/require-role";
import { listStaffUsers } from "@/lib/staff/list-staff-users";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  const admin = await requirePagePermission("staff:manage");
  const staff = await listStaffUsers();
  const heldBack = await accountsHeldBack(staff.map((member) => member.email));
  return (
    <>
      <PageHeader title="Staff" description="Who can use this console, and with which role." />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <StaffTable
            currentStaffId={admin.id}
            staff={staff.map((member) => ({
              ...member,
              lastLoginAt: member.lastLoginAt?.toISOString() ?? null,
              signInHeldBack: heldBack.has(member.email),
            }))}
          />
        </div>
        <Card>
          <CardHeader title="Add a staff member" description="They sign in with this email and password." />
          <CardBody>
            <CreateStaffForm />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
