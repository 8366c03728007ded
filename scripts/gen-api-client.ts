// Writes the web app's typed client from the API's OpenAPI document: pnpm gen:api
import { writeFileSync } from "node:fs";
import { renderApiClientTypes, webSchemaFile } from "../apps/api/src/api-client-types.ts";

writeFileSync(webSchemaFile, await renderApiClientTypes());
console.log(`wrote ${webSchemaFile}`);
