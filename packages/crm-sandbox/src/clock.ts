import type { Patch, View } from "./store.ts";

// The sandbox clock: frozen at `start` unless live (then it runs `speed` times wall time), plus manual advances.
export class SandboxClock {
  private readonly startedAt: number;
  private readonly wallStart = Date.now();
  private advanced = 0;
  speed: number;

  constructor(start: number, speed: number) {
    this.startedAt = start;
    this.speed = speed;
  }

  now(): number {
    return Math.floor(this.startedAt + (Date.now() - this.wallStart) * this.speed + this.advanced);
  }

  advance(ms: number): number {
    this.advanced += ms;
    return this.now();
  }
}

/** Everything up to now: what list, get and batch endpoints read. */
export function currentView(clock: SandboxClock): View {
  return { asOf: clock.now(), patchVisible: () => true };
}

/** The search index trails the database by `lagMs` of wall time. */
export function indexedView(clock: SandboxClock, lagMs: number): View {
  if (lagMs <= 0) return currentView(clock);
  const indexedUntil = Date.now() - lagMs;
  return {
    asOf: clock.now() - lagMs * clock.speed,
    lagMs,
    patchVisible: (patch: Patch) => patch.wallAt <= indexedUntil,
  };
}
