import type { ApiDeps } from "../env.ts";

const timeoutMs = 2_000;

async function check(work: () => Promise<unknown>): Promise<{ ok: boolean; detail: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      work(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, detail: "ok" };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Ready means: the database answers a query and Redis answers a ping. */
export async function readiness(deps: Pick<ApiDeps, "database" | "redis">) {
  const [database, redis] = await Promise.all([check(() => deps.database.ping()), check(() => deps.redis.ping())]);
  return { ok: database.ok && redis.ok, database: { ...database, kind: deps.database.kind }, redis };
}
