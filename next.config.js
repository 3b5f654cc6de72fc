/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-side packages that must not be bundled (native or ESM-only internals).
  serverExternalPackages: ["@libsql/client", "@prisma/adapter-libsql", "@prisma/adapter-pg", "pg", "bcryptjs"],
  experimental: {
    // forbidden() answers a real 403 with app/forbidden.tsx.
    authInterrupts: true,
  },
};

export default nextConfig;
