import { seededRandom } from "./prng.ts";

// Fault injection: a share of API requests answer 429 (HubSpot) / REQUEST_LIMIT_EXCEEDED (Salesforce), 500,
// hang until the client gives up, or have their connection dropped. Settable at runtime.
export interface Faults {
  /** Share of requests rate-limited (0..1). */
  rate429?: number;
  /** Share of requests answering a server error (0..1). */
  rate500?: number;
  /** Share of requests that hang for `timeoutMs` and then lose their connection (0..1). */
  timeoutRate?: number;
  timeoutMs?: number;
  /** Share of requests whose connection is dropped without an answer (0..1). */
  dropRate?: number;
  /** Which API the faults hit; default both. */
  target?: "hubspot" | "salesforce" | "both";
}

export type FaultDecision = "none" | "429" | "500" | "timeout" | "drop";

export class FaultInjector {
  faults: Required<Faults>;
  private readonly random;

  constructor(seed: number, faults: Faults = {}) {
    this.random = seededRandom(seed ^ 0x5eed);
    this.faults = { rate429: 0, rate500: 0, timeoutRate: 0, timeoutMs: 30_000, dropRate: 0, target: "both" };
    this.set(faults);
  }

  set(faults: Faults): Required<Faults> {
    this.faults = { ...this.faults, ...faults };
    return this.faults;
  }

  decide(api: "hubspot" | "salesforce"): FaultDecision {
    const f = this.faults;
    if (f.target !== "both" && f.target !== api) return "none";
    if (!f.rate429 && !f.rate500 && !f.timeoutRate && !f.dropRate) return "none";
    let roll = this.random.next();
    for (const [decision, rate] of [
      ["429", f.rate429],
      ["500", f.rate500],
      ["timeout", f.timeoutRate],
      ["drop", f.dropRate],
    ] as const) {
      if (roll < rate) return decision;
      roll -= rate;
    }
    return "none";
  }
}
