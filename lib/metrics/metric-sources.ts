import "server-only";

import type { Registry } from "prom-client";

/**
 * Other parts of the console add their metrics here (e.g. the integrator API's token handouts by key):
 * a source registers its metrics on the registry once, and their collect callbacks read fresh values
 * at every scrape.
 */
export type MetricSource = (registry: Registry) => void;

const sources: MetricSource[] = [];

export function addMetricSource(source: MetricSource): void {
  sources.push(source);
}

export function registeredMetricSources(): readonly MetricSource[] {
  return sources;
}
