import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

const at = (name: string) => timestamp(name, { withTimezone: true });

/** The roles, weakest first: each one can do everything the ones before it can. */
export const workspaceRoles = ["viewer", "editor", "admin", "owner"] as const;
export type WorkspaceRole = (typeof workspaceRoles)[number];

/** A person; passwordHash is null for people who only sign in through single sign-on. */
export const users = pgTable("users", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  /** Stored lowercased, so "Ana@X.com" and "ana@x.com" are one account. */
  email: text("email").notNull().unique(),
  name: text("name").notNull().default(""),
  /** scrypt$logN$r$p$salt$hash (base64url), see apps/api/src/auth/password.ts. */
  passwordHash: text("password_hash"),
  /** The OIDC issuer + subject of a single sign-on identity, when linked. */
  oidcSubject: text("oidc_subject").unique(),
  createdAt: at("created_at").notNull().defaultNow(),
});

/** Who belongs to which client workspace, with which role. */
export const memberships = pgTable(
  "memberships",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    role: text("role").$type<WorkspaceRole>().notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.workspaceId] }),
    index("memberships_workspace_idx").on(table.workspaceId),
  ],
);

/** Server-side sessions; the cookie carries a random id, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Synchronizer token a cookie-authenticated write must echo in X-CSRF-Token. */
    csrfToken: text("csrf_token").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
    expiresAt: at("expires_at").notNull(),
    revokedAt: at("revoked_at"),
  },
  (table) => [index("sessions_user_idx").on(table.userId)],
);

/** An invitation link to a workspace; the link's token is stored hashed. */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role").$type<WorkspaceRole>().notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: text("invited_by").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
    expiresAt: at("expires_at").notNull(),
    acceptedAt: at("accepted_at"),
    revokedAt: at("revoked_at"),
  },
  (table) => [index("invitations_workspace_idx").on(table.workspaceId)],
);

/** Bearer tokens for scripts and BI tools: one workspace, one role, shown once, stored hashed. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    role: text("role").$type<WorkspaceRole>().notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters, so people can tell their tokens apart; never enough to use. */
    prefix: text("prefix").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: at("created_at").notNull().defaultNow(),
    lastUsedAt: at("last_used_at"),
    revokedAt: at("revoked_at"),
  },
  (table) => [index("api_tokens_workspace_idx").on(table.workspaceId)],
);

/** Who did what, when: sign-ins, membership, connection and definition changes. Append-only. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Null for events outside any workspace (a sign-in). */
    workspaceId: text("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target").notNull().default(""),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    at: at("at").notNull().defaultNow(),
  },
  (table) => [index("audit_log_workspace_at_idx").on(table.workspaceId, table.at)],
);
