/** Space-separated lists of an endpoint's event types and environments; an empty list means all. */
export function endpointWants(
  endpoint: { eventTypes: string; environments: string },
  event: { type: string; environment: string },
): boolean {
  const listed = (list: string, value: string) => list.trim() === "" || list.split(/\s+/).includes(value);
  return listed(endpoint.eventTypes, event.type) && listed(endpoint.environments, event.environment);
}
