import { z } from "zod";
import type { SandboxControl } from "./control.ts";
import { MutationError } from "./control.ts";
import { json, type SandboxRequest, type SandboxResponse } from "./http.ts";

// /__sandbox/* admin endpoints: the same controls as the programmatic API, with validated bodies.
const rate = z.number().min(0).max(1);
const faultsBody = z
  .object({
    rate429: rate,
    rate500: rate,
    timeoutRate: rate,
    timeoutMs: z.number().int().min(0),
    dropRate: rate,
    target: z.enum(["hubspot", "salesforce", "both"]),
  })
  .partial()
  .strict();
const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const mutationBody = z.discriminatedUnion("crm", [
  z.object({
    crm: z.literal("hubspot"),
    objectType: z.string(),
    id: z.string(),
    set: z.record(z.string(), z.string().nullable()).optional(),
    delete: z.boolean().optional(),
    mergeInto: z.string().optional(),
  }),
  z.object({
    crm: z.literal("salesforce"),
    sobject: z.string(),
    id: z.string(),
    set: z.record(z.string(), value).optional(),
    delete: z.boolean().optional(),
    mergeInto: z.string().optional(),
  }),
]);
const crm = z.enum(["hubspot", "salesforce", "both"]);
const revokeBody = z.object({ crm, refreshTokens: z.boolean(), privateAppToken: z.boolean() }).partial();
const clockBody = z.object({ advanceMs: z.number() });
const webhookBody = z.object({ url: z.url(), eventTypes: z.array(z.string()).optional() });

const invalid = (error: z.ZodError) => json(400, { status: "error", message: z.prettifyError(error) });

export function adminHandler(control: SandboxControl): (request: SandboxRequest) => SandboxResponse {
  return (request) => {
    const path = request.url.pathname;
    const post = request.method === "POST";
    const body = request.body ?? {};
    if (post && path === "/__sandbox/faults") {
      const parsed = faultsBody.safeParse(body);
      return parsed.success ? json(200, control.setFaults(parsed.data)) : invalid(parsed.error);
    }
    if (post && path === "/__sandbox/mutate") {
      const parsed = mutationBody.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      try {
        control.mutate(parsed.data);
      } catch (error) {
        if (error instanceof MutationError) return json(400, { status: "error", message: error.message });
        throw error;
      }
      return json(200, { ok: true });
    }
    if (post && path === "/__sandbox/clock") {
      const parsed = clockBody.safeParse(body);
      return parsed.success
        ? json(200, { now: control.advanceClock(parsed.data.advanceMs).toISOString() })
        : invalid(parsed.error);
    }
    if (post && path === "/__sandbox/revoke") {
      const parsed = revokeBody.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      control.revokeTokens(parsed.data);
      return json(200, { ok: true });
    }
    if (post && path === "/__sandbox/webhooks") {
      const parsed = webhookBody.safeParse(body);
      return parsed.success
        ? json(200, { subscriptionId: control.subscribeWebhook(parsed.data) })
        : invalid(parsed.error);
    }
    if (request.method === "GET" && path === "/__sandbox/state") return json(200, { now: control.now().toISOString() });
    return json(404, { status: "error", message: `No admin route ${request.method} ${path}` });
  };
}
