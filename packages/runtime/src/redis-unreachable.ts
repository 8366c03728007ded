/** The plain message people get instead of a stack trace when Redis does not answer at start. */
export function redisUnreachableMessage(url: string, error: string): string {
  const safe = new URL(url);
  safe.password = "";
  return [
    `Redis is not reachable at ${safe.host} (${error}).`,
    "The API and the worker need Redis for the job queues. Start it, then start this again:",
    "  redis-server --daemonize yes --port 6379          (a local install)",
    "  docker compose -f infra/compose.yaml up -d redis   (containers)",
    "or point REDIS_URL at a running server, e.g. REDIS_URL=redis://127.0.0.1:6379",
  ].join("\n");
}
