export type DiagnosticLevel = "pass" | "warn" | "fail" | "skip";

/** One line of the diagnostics checklist: what was checked, what was found, and what to do about it. */
export type DiagnosticCheck = {
  id: string;
  title: string;
  level: DiagnosticLevel;
  message: string;
  /** Empty when there is nothing to do. */
  fix: string;
};

export function diagnosticCheck(
  id: string,
  title: string,
  level: DiagnosticLevel,
  message: string,
  fix = "",
): DiagnosticCheck {
  return { id, title, level, message, fix };
}

/** The worst level of a list, for a group's summary badge. */
export function worstLevel(checks: readonly DiagnosticCheck[]): DiagnosticLevel {
  const order: DiagnosticLevel[] = ["fail", "warn", "pass", "skip"];
  return order.find((level) => checks.some((check) => check.level === level)) ?? "skip";
}
