import type { Middleware } from "openapi-fetch";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** The session's CSRF token, from the readable cookie the API sets at sign-in. */
function csrfToken(): string | undefined {
  const cookie = document.cookie.split("; ").find((part) => part.startsWith("revops_csrf="));
  return cookie ? decodeURIComponent(cookie.slice("revops_csrf=".length)) : undefined;
}

/** Every write echoes the CSRF token in X-CSRF-Token (the API refuses cookie writes without it). */
export const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (safeMethods.has(request.method)) return request;
    const token = csrfToken();
    if (token) request.headers.set("X-CSRF-Token", token);
    return request;
  },
};
