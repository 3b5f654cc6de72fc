import { buttonClassName } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-red-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold">You do not have access to this page</h1>
      <p className="mt-2 max-w-md text-sm text-slate-500">
        Your role does not include this part of the console. Ask an admin if you need it.
      </p>
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- This page is part of every route's tree, so
          next/link here would add its code to every page's first load; leaving an error page may reload. */}
      <a href="/merchants" className={buttonClassName("secondary", "mt-6")}>
        Back to merchants
      </a>
    </main>
  );
}
