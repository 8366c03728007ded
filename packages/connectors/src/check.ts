/** The outcome of a connection test: each problem says what is wrong and how to fix it. */
export interface ConnectionCheck {
  ok: boolean;
  problems: { code: "bad_credentials" | "missing_scope" | "unknown_field" | "request_failed"; message: string }[];
}
