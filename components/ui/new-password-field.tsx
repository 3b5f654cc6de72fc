import { InputField } from "@/components/ui/input-field";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-length";

type NewPasswordFieldProps = { id: string; label: string; name: string; errors?: string[]; note?: string };

/**
 * A password being chosen: the hint states the policy the server checks, and `new-password` lets a password
 * manager offer a generated one and file it.
 */
export function NewPasswordField({ note, ...field }: NewPasswordFieldProps) {
  const hint = `At least ${PASSWORD_MIN_LENGTH} characters.${note ? ` ${note}` : ""}`;
  return <InputField {...field} hint={hint} type="password" autoComplete="new-password" />;
}
