import { z } from "@hono/zod-openapi";
import { tryParseIsoWeek } from "@revops/core";

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export const weekQuery = z
  .string()
  .refine((text) => tryParseIsoWeek(text) !== null, {
    message: "expected an ISO week that exists, e.g. 2026-W47 (2026 has 53 weeks, not 54)",
  })
  .openapi({ example: "2026-W10", description: "ISO week YYYY-Www in the workspace zone" });

export const asOfQuery = z
  .string()
  .refine((text) => ISO_INSTANT.test(text) && !Number.isNaN(Date.parse(text)), {
    message: "expected an ISO-8601 instant with a zone, e.g. 2026-03-06T12:00:00Z",
  })
  .optional()
  .openapi({ example: "2026-03-06T12:00:00Z", description: "nothing after this instant counts (default: now)" });

export const serviceLineQuery = z
  .string()
  .min(1)
  .optional()
  .openapi({ example: "cloud", description: '"all", a service-line key or "unassigned"; default: all rows' });

export const definitionsVersionQuery = z.coerce
  .number()
  .int()
  .min(0)
  .optional()
  .openapi({ description: "compute under an older definitions version (recomputed on the fly from the records)" });

export const asOfOrNow = (text: string | undefined) => (text ? new Date(text) : new Date());
