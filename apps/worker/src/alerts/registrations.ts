import type { JobDeclaration } from "@revops/queue";
import {
  deliverAlert as deliverAlertJob,
  evaluateSla as evaluateSlaJob,
  refreshSlaClocks as refreshSlaClocksJob,
  weeklyDigest as weeklyDigestJob,
} from "@revops/queue";
import type { z } from "zod";
import { deliverAlert } from "../processors/deliver-alert.ts";
import { evaluateSla } from "../processors/evaluate-sla.ts";
import { refreshSlaClocks } from "../processors/refresh-sla-clocks.ts";
import { weeklyDigest } from "../processors/weekly-digest.ts";
import type { Registration } from "../registry.ts";

const register = <J extends JobDeclaration<string, z.ZodType>>(registration: Registration<J>) =>
  registration as unknown as Registration<JobDeclaration<string, z.ZodType>>;

/** The SLA alert and digest jobs (spread into the worker's registrations). */
export const alertRegistrations = [
  register({ job: evaluateSlaJob, process: (deps, payload) => evaluateSla(deps, payload) }),
  register({ job: deliverAlertJob, process: (deps, payload) => deliverAlert(deps, payload) }),
  register({ job: refreshSlaClocksJob, process: refreshSlaClocks }),
  register({ job: weeklyDigestJob, process: (deps, payload) => weeklyDigest(deps, payload) }),
];
