/**
 * One value per process, under a name. Next bundles instrumentation and routes apart, so a module-level
 * value exists once per bundle: the rate limit would count a key's calls twice over, and a stopping
 * instance would wait for another bundle's pending writes. What must be one per process lives here.
 */
export function processShared<Value>(name: string, create: () => Value): Value {
  const holder = globalThis as unknown as Record<symbol, Value | undefined>;
  const key = Symbol.for(`mobilepay-link-console.${name}`);
  holder[key] ??= create();
  return holder[key];
}
