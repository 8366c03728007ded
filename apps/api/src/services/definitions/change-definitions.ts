import type { Definitions } from "@revops/core";
import { diffDefinitions } from "@revops/core";
import { currentDefinitions, findWorkspace, insertDefinitionVersion, recordAudit } from "@revops/db";
import { recomputeFacts } from "@revops/queue";
import type { ApiDeps } from "../../env.ts";
import { ApiError, notFound } from "../../errors.ts";
import { parseDefinitions } from "./parse-definitions.ts";

export interface ChangeDefinitionsInput {
  workspaceId: string;
  actor: string;
  /** Unvalidated document (request body or imported file). */
  document: unknown;
  note?: string | null | undefined;
  /** The version the caller edited; a different current version is a conflict (409). */
  basedOnVersion?: number | undefined;
}

/**
 * Stores a validated change as the next version with who, when and the diff, then has the
 * worker recompute every fact of the workspace (definitions change what every fact means).
 */
export async function changeDefinitions(deps: ApiDeps, input: ChangeDefinitionsInput) {
  const db = deps.database.db;
  if (!(await findWorkspace(db, { workspaceId: input.workspaceId })))
    throw notFound(`Workspace "${input.workspaceId}"`);
  const document: Definitions = parseDefinitions(input.document);
  const current = await currentDefinitions(db, { workspaceId: input.workspaceId });
  if (input.basedOnVersion !== undefined && input.basedOnVersion !== current.version) {
    throw new ApiError(
      409,
      "version_conflict",
      `The definitions changed since version ${input.basedOnVersion} (current: ${current.version}); reload and apply your change again.`,
    );
  }
  const diff = diffDefinitions(current.document, document);
  if (diff.length === 0) return { changed: false as const, version: current.version, diff };
  const stored = await insertDefinitionVersion(db, {
    workspaceId: input.workspaceId,
    document,
    createdBy: input.actor,
    diff,
    note: input.note ?? null,
  }).catch((error: unknown) => {
    if (
      String((error as { cause?: { code?: string } })?.cause?.code ?? (error as { code?: string }).code) === "23505"
    ) {
      throw new ApiError(
        409,
        "version_conflict",
        "Someone else changed the definitions at the same time; reload and retry.",
      );
    }
    throw error;
  });
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: "definitions.changed",
    target: `v${stored.version}`,
    detail: { changed: diff.map((change) => change.path), note: input.note ?? null },
  });
  await deps.queues.enqueue(recomputeFacts, {
    workspaceId: input.workspaceId,
    all: true,
    reason: `definitions v${stored.version}`,
  });
  return { changed: true as const, version: stored.version, diff };
}
