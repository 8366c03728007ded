import { newApp } from "./app.ts";
import type { ApiDeps } from "./env.ts";

/** Deps that refuse to be used: the document is built from route declarations only. */
const declarationsOnly = new Proxy({} as ApiDeps, {
  get: (_, property) => {
    throw new Error(`openApiDocument() builds routes only; it must not touch deps.${String(property)}`);
  },
});

export function openApiDocument() {
  const app = newApp(declarationsOnly);
  return app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: "RevOps alignment API", version: "1.0.0", description: "The API the dashboard is built on." },
  });
}
