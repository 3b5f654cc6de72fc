/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-side packages that must not be bundled (native or ESM-only internals).
  serverExternalPackages: [
    "@libsql/client",
    "libsql",
    "@prisma/adapter-libsql",
    "@prisma/adapter-pg",
    "pg",
    "bcryptjs",
  ],
  // `npm run typecheck` checks the whole project (console, sandbox, tests) as its own step.
  typescript: { ignoreBuildErrors: true },
  // Pages declare app/icon.svg; clients that ask for the old default name get the same icon instead of a 404.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
  },
  experimental: {
    // forbidden() answers a real 403 with app/forbidden.tsx.
    authInterrupts: true,
  },
};

export default nextConfig;
