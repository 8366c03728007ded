/** A route that also answers text/csv types its body as `T | string`; the JSON call gets `T`. */
export function jsonBody<T>(body: T | string): T {
  if (typeof body === "string") throw new Error("The server answered CSV where JSON was asked for.");
  return body;
}
