/**
 * oidc-provider 9 prints "Unsupported runtime" on any Node.js before 22 LTS, although it runs there. This
 * product supports Node.js 20.19 and later (package.json `engines`; CI runs the sandbox on Node 20), so
 * that one warning is held back instead of contradicting the README in every log. Imported before
 * oidc-provider is loaded; every other warning passes through untouched.
 */
const RUNTIME_WARNING = "oidc-provider WARNING: Unsupported runtime.";

const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === "string" && args[0].includes(RUNTIME_WARNING)) return;
  warn(...args);
};
