import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env.ts";

// With TLS the __Host- prefix pins the cookie to this host and path /, and forces Secure.
const sessionCookie = (secure: boolean) => (secure ? "__Host-revops_session" : "revops_session");
/** Readable by the dashboard's script, which echoes it in X-CSRF-Token on writes. */
const csrfCookie = "revops_csrf";
export const csrfHeader = "X-CSRF-Token";

/** Secure when the app is served over TLS: its public URL, this request, or (behind a trusted proxy) the proxy's. */
export function servedOverTls(c: Context<AppEnv>): boolean {
  const config = c.get("deps").config;
  if (config.publicUrl.startsWith("https:") || new URL(c.req.url).protocol === "https:") return true;
  return config.auth.trustProxy && c.req.header("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, sessionCookie(true)) ?? getCookie(c, sessionCookie(false));
}

export function writeSessionCookies(c: Context<AppEnv>, session: { id: string; csrfToken: string; expiresAt: Date }) {
  const secure = servedOverTls(c);
  const common = { path: "/", secure, sameSite: "Lax", expires: session.expiresAt } as const;
  setCookie(c, sessionCookie(secure), session.id, { ...common, httpOnly: true });
  setCookie(c, csrfCookie, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(c: Context<AppEnv>) {
  const secure = servedOverTls(c);
  deleteCookie(c, sessionCookie(secure), { path: "/", secure });
  deleteCookie(c, csrfCookie, { path: "/", secure });
}
