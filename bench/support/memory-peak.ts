/** Samples this process's memory while something runs; the peak is what a sweep costs the instance. */
export function startMemorySampler(intervalMs = 50) {
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const mib = (bytes: number) => Math.round((bytes / 1024 ** 2) * 10) / 10;
      return {
        baselineRssMiB: mib(baseline.rss),
        peakRssMiB: mib(peakRss),
        baselineHeapMiB: mib(baseline.heapUsed),
        peakHeapMiB: mib(peakHeap),
      };
    },
  };
}
