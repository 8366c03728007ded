import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { renderApiClientTypes, webSchemaFile } from "./api-client-types.ts";

it("the web app's typed client matches the API's OpenAPI document (run pnpm gen:api if not)", async () => {
  expect(readFileSync(webSchemaFile, "utf8")).toBe(await renderApiClientTypes());
});
