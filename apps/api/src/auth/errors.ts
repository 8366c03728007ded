import { ApiError } from "../errors.ts";

export const notSignedIn = () => new ApiError(401, "unauthorized", "Sign in first, or send a valid API token.");
export const forbidden = (message: string) => new ApiError(403, "forbidden", message);
export const csrfRejected = () =>
  new ApiError(403, "csrf_failed", "This write lacks a valid X-CSRF-Token header; reload the page and try again.");
/** The same answer as for a workspace that does not exist: a non-member learns nothing. */
export const workspaceNotFound = (workspace: string) =>
  new ApiError(404, "not_found", `Workspace "${workspace}" was not found`);
