import { escapeHtml } from "./escape-html";

const STYLES = `
  :root { --mp-blue: #5a78ff; --mp-blue-dark: #3d5bf0; --mp-ink: #1b1f3b; --mp-muted: #6b7090; --mp-line: #e3e6f2; --mp-bg: #f4f6fd; --mp-danger: #d6364f; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; background: var(--mp-bg); color: var(--mp-ink); }
  header { background: var(--mp-blue); color: #fff; padding: 14px 24px; display: flex; align-items: center; justify-content: space-between; }
  header .brand { font-weight: 700; letter-spacing: .2px; font-size: 18px; }
  header .brand small { font-weight: 400; opacity: .85; margin-left: 8px; font-size: 13px; }
  header form { margin: 0; }
  header button { background: transparent; border: 1px solid rgba(255,255,255,.7); color: #fff; border-radius: 18px; padding: 6px 14px; cursor: pointer; }
  main { max-width: 560px; margin: 40px auto; padding: 0 16px; }
  main.wide { max-width: 860px; }
  .card { background: #fff; border-radius: 14px; box-shadow: 0 2px 10px rgba(27,31,59,.08); padding: 28px; }
  h1 { font-size: 22px; margin: 0 0 8px; }
  p.lead { color: var(--mp-muted); margin: 0 0 22px; }
  label { display: block; font-size: 14px; font-weight: 600; margin: 16px 0 6px; }
  input[type=email], input[type=password], select { width: 100%; padding: 11px 12px; border: 1px solid var(--mp-line); border-radius: 8px; font-size: 15px; }
  input:focus, select:focus { outline: 2px solid var(--mp-blue); border-color: transparent; }
  .actions { display: flex; gap: 12px; margin-top: 24px; }
  button.primary, button.secondary, button.danger { border-radius: 24px; padding: 11px 22px; font-size: 15px; font-weight: 600; cursor: pointer; border: 0; }
  button.primary { background: var(--mp-blue); color: #fff; }
  button.primary:hover { background: var(--mp-blue-dark); }
  button.secondary { background: #fff; color: var(--mp-blue); border: 1px solid var(--mp-blue); }
  button.danger { background: #fff; color: var(--mp-danger); border: 1px solid var(--mp-danger); padding: 7px 16px; font-size: 14px; }
  .error { background: #fdecef; color: var(--mp-danger); border-radius: 8px; padding: 10px 12px; margin-top: 14px; }
  .notice { background: #eef1ff; color: var(--mp-ink); border-radius: 8px; padding: 10px 12px; margin-bottom: 14px; }
  ul.products { list-style: none; padding: 0; margin: 12px 0; }
  ul.products li { padding: 10px 12px; border: 1px solid var(--mp-line); border-radius: 8px; margin-bottom: 8px; }
  dl.merchant { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 12px 0 0; font-size: 14px; }
  dl.merchant dt { color: var(--mp-muted); }
  dl.merchant dd { margin: 0; }
  table { width: 100%; border-collapse: collapse; font-size: 14px; }
  th, td { text-align: left; padding: 10px 8px; border-bottom: 1px solid var(--mp-line); vertical-align: middle; }
  th { color: var(--mp-muted); font-weight: 600; }
  footer { text-align: center; color: var(--mp-muted); font-size: 12px; margin: 24px 0; }
`;

export interface PortalPageOptions {
  title: string;
  body: string;
  signedInAs?: { name: string } | undefined;
  wide?: boolean;
}

export function renderPortalPage({ title, body, signedInAs, wide }: PortalPageOptions): string {
  const signOut = signedInAs
    ? `<form method="post" action="/account/logout"><span>${escapeHtml(signedInAs.name)}</span> <button type="submit">Log out</button></form>`
    : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)} · MobilePay</title>
  <style>${STYLES}</style>
</head>
<body>
  <header><div class="brand">MobilePay<small>MyShop · Sandbox</small></div>${signOut}</header>
  <main class="${wide ? "wide" : ""}">${body}</main>
  <footer>MobilePay sandbox: test data only.</footer>
</body>
</html>`;
}
