import { json, type SandboxResponse } from "../http.ts";

// Salesforce REST errors are a JSON array of { message, errorCode }.
export const salesforceError = (
  status: number,
  errorCode: string,
  message: string,
  headers?: Record<string, string>,
): SandboxResponse => json(status, [{ message, errorCode }], headers);
