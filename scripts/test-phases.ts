/**
 * The phases of `npm test`, in order; the npm scripts of one phase run side by side. The static checks share
 * a phase: none of them writes anything another reads. The test phases each use the machine fully (Vitest's
 * workers, the production build, Chromium), so they take turns.
 */
export const TEST_PHASES: readonly (readonly string[])[] = [
  ["typecheck", "lint", "format:check", "db:pg:check"],
  ["test:unit"],
  ["test:postgres"],
  ["test:e2e"],
];

export type PhaseResult = { script: string; ok: boolean; seconds: number };

/** The phases from the one holding `script` on (all of them without it), to pick up after a fix. */
export function phasesFrom(phases: readonly (readonly string[])[], script: string | undefined): (readonly string[])[] {
  if (script === undefined) return [...phases];
  const index = phases.findIndex((phase) => phase.includes(script));
  if (index < 0) throw new Error(`--from: no phase runs "${script}" (phases: ${phases.flat().join(", ")})`);
  return phases.slice(index);
}
