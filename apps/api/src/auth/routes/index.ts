import { newRouter } from "../../router.ts";
import { invitationRoutes } from "./invitation-routes.ts";
import { memberRoutes } from "./member-routes.ts";
import { oidcRoutes } from "./oidc-routes.ts";
import { portfolioRoutes } from "./portfolio-routes.ts";
import { sessionRoutes } from "./session-routes.ts";
import { tokenRoutes } from "./token-routes.ts";
import { workspaceCreateRoutes } from "./workspace-create-routes.ts";

/** Sign-in, the person, members, invitations, API tokens, the audit log and the portfolio, under /api/v1. */
export function authRoutes() {
  return newRouter()
    .route("/", sessionRoutes())
    .route("/", oidcRoutes())
    .route("/", invitationRoutes())
    .route("/", memberRoutes())
    .route("/", tokenRoutes())
    .route("/", portfolioRoutes())
    .route("/", workspaceCreateRoutes());
}
