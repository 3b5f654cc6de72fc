import { describe, expect, it } from "vitest";

import { ZSignInCredentialsSchema } from "@/lib/auth/sign-in-credentials";
import { ZCreateInvitationSchema } from "@/lib/links/link-schemas";
import { ZCreateStaffUserSchema } from "@/lib/staff/staff-schemas";
import { humanNameProblem } from "@/lib/validation/human-name";
import { zodFieldErrors } from "@/lib/http/zod-field-errors";

const LONE_HIGH_SURROGATE = "\uD800";
const LONE_LOW_SURROGATE = "\uDC00";

const invitation = (merchantName: string) => ({
  merchantName,
  vatNumber: "DK12345678",
  products: ["invoice"],
  environment: "sandbox",
});
const staffMember = (name: string) => ({
  email: "new@example.com",
  name,
  role: "support",
  password: "long-enough-password",
});

describe("human names", () => {
  it.each([
    ["Bager Hansen ApS"],
    ["Ærø Købmandsgård"],
    ["مخبز القدس"],
    ["שלום בע״מ"],
    ["Café 😀 👩‍🍳"],
    ["  Trimmed Name  "],
  ])("accepts %j", (name) => {
    expect(humanNameProblem(name.trim())).toBeNull();
    expect(ZCreateInvitationSchema.safeParse(invitation(name)).success).toBe(true);
    expect(ZCreateStaffUserSchema.safeParse(staffMember(name)).success).toBe(true);
  });

  it.each([
    ["a lone high surrogate", `Bager ${LONE_HIGH_SURROGATE} Hansen`, "ill-formed Unicode"],
    ["a lone low surrogate", `${LONE_LOW_SURROGATE}Bager`, "ill-formed Unicode"],
    ["a reversed surrogate pair", `Bager${LONE_LOW_SURROGATE}${LONE_HIGH_SURROGATE}`, "ill-formed Unicode"],
    ["a NUL", "Bager\u0000Hansen", "control characters"],
    ["a line break", "Bager\nHansen", "control characters"],
    ["an escape", "Bager\u001B[31mHansen", "control characters"],
    ["a C1 control", "Bager\u0085Hansen", "control characters"],
    ["a line separator", "Bager\u2028Hansen", "control characters"],
    ["a right-to-left override", "Invoice \u202Efdp.exe", "bidirectional"],
    ["a left-to-right embedding", "\u202ABager", "bidirectional"],
    ["a pop directional formatting", "Bager\u202C", "bidirectional"],
    ["a right-to-left isolate", "Bager \u2067Hansen", "bidirectional"],
    ["a first-strong isolate", "\u2068Bager", "bidirectional"],
    ["a pop directional isolate", "Bager\u2069", "bidirectional"],
  ])("refuses a name with %s, on the field, with a clear message", (_kind, name, words) => {
    expect(humanNameProblem(name)).toContain(words);

    const invitationResult = ZCreateInvitationSchema.safeParse(invitation(name));
    expect(invitationResult.success).toBe(false);
    expect(zodFieldErrors(invitationResult.error!).merchantName?.[0]).toContain(words);

    const staffResult = ZCreateStaffUserSchema.safeParse(staffMember(name));
    expect(staffResult.success).toBe(false);
    expect(zodFieldErrors(staffResult.error!).name?.[0]).toContain(words);
  });
});

describe("sign-in credentials", () => {
  it("accepts any well-formed email and password, however wrong", () => {
    expect(ZSignInCredentialsSchema.safeParse({ email: "not an email", password: "x" }).success).toBe(true);
    expect(ZSignInCredentialsSchema.safeParse({ email: "a@b.dk", password: "pässwörd 😀" }).success).toBe(true);
  });

  it("refuses a lone surrogate in the email or the password before anything is looked up", () => {
    expect(ZSignInCredentialsSchema.safeParse({ email: `a${LONE_HIGH_SURROGATE}@b.dk`, password: "x" }).success).toBe(
      false,
    );
    expect(ZSignInCredentialsSchema.safeParse({ email: "a@b.dk", password: LONE_LOW_SURROGATE }).success).toBe(false);
  });
});
