import type { components } from "../api/schema";

// Generated from the alerts API (pnpm gen:api).
export type AlertEntry = components["schemas"]["Alert"];
export type AlertDelivery = AlertEntry["deliveries"][number];
