import type { DatabaseHandle } from "@revops/db";
import type { JobQueues } from "@revops/queue";
import type { Logger } from "@revops/runtime";
import type { Redis } from "ioredis";
import type { Principal, WorkspaceAccess } from "./auth/principal.ts";
import type { ApiConfig } from "./config.ts";

/** What every route can use, built once at start (or per test) and passed in. */
export interface ApiDeps {
  config: ApiConfig;
  database: DatabaseHandle;
  redis: Redis;
  queues: JobQueues;
  logger: Logger;
}

/** The context variables, typed once. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    deps: ApiDeps;
    /** Set by withAuth: who is calling, their role in the path's workspace, and the audit name. */
    principal?: Principal;
    workspaceAccess?: WorkspaceAccess;
    actor?: { email: string };
  };
}
