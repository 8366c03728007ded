import { defaultDefinitions } from "@revops/core";
import { ensureWorkspace } from "@revops/db";
import { recomputeFacts } from "@revops/queue";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApi } from "../testing/test-api.ts";

const base = "/api/v1/workspaces/acme/definitions";
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
type Body = any;
const read = async (response: Response | Promise<Response>): Promise<Body> => (await response).json();
const json = (method: string, body: unknown) => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("shared definitions", () => {
  let api: Awaited<ReturnType<typeof createTestApi>>;
  beforeEach(async () => {
    api = await createTestApi();
    await ensureWorkspace(api.deps.database.db, { id: "acme", name: "Acme", timezone: "Europe/Berlin" });
  });
  afterEach(async () => {
    await api.close();
  });

  it("starts at version 0 with the spec defaults in the workspace's zone", async () => {
    const response = await api.request(base);
    expect(response.status).toBe(200);
    const body = await read(response);
    expect(body.version).toBe(0);
    expect(body.definitions.timezone).toBe("Europe/Berlin");
    expect(body.definitions.stageMapping).toEqual(defaultDefinitions().stageMapping);
    expect((await api.request("/api/v1/workspaces/nobody/definitions")).status).toBe(404);
  });

  it("stores each change as a new version with who, when and the diff, and asks for a recompute", async () => {
    const defs = (await read(api.request(base))).definitions;
    defs.serviceLines = [{ key: "cloud", label: "Cloud" }];
    const put = await api.request(base, json("PUT", { definitions: defs, note: "add cloud", basedOnVersion: 0 }));
    expect(put.status).toBe(200);
    expect(await read(put)).toMatchObject({
      version: 1,
      changed: true,
      diff: [{ path: "serviceLines[0]", after: { key: "cloud", label: "Cloud" } }],
    });
    const patch = await api.request(
      base,
      json("PATCH", { changes: { targets: [{ serviceLine: "cloud", fiscalQuarter: "FY2026-Q4", amount: 1000 }] } }),
    );
    expect(await read(patch)).toMatchObject({ version: 2, changed: true });
    const same = await api.request(base, json("PATCH", { changes: { targets: defs.targets } }));
    expect(await read(same)).toMatchObject({ version: 3, changed: true });
    const unchanged = await api.request(base, json("PATCH", { changes: { targets: defs.targets } }));
    expect(await read(unchanged)).toMatchObject({ version: 3, changed: false, diff: [] });

    const history = await read(api.request(`${base}/versions`));
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    // Who: the signed-in person (actorOf), "system" only for unauthenticated internal changes.
    expect(history.versions[2]).toMatchObject({ createdBy: "test-owner@example.test", note: "add cloud" });
    expect(Date.parse(history.versions[2].createdAt)).not.toBeNaN();
    expect(history.versions[1].diff).toEqual([
      { path: "targets[0]", after: { serviceLine: "cloud", fiscalQuarter: "FY2026-Q4", amount: 1000 } },
    ]);
    const v2 = await read(api.request(`${base}/versions/2`));
    expect(v2.definitions.targets).toHaveLength(1);
    expect((await api.request(`${base}/versions/9`)).status).toBe(404);

    const jobs = await api.deps.queues.queue(recomputeFacts.queue).getJobs(["waiting", "delayed", "prioritized"]);
    expect(jobs.filter((j) => j.name === recomputeFacts.name).map((j) => j.data)).toContainEqual(
      expect.objectContaining({ workspaceId: "acme", all: true }),
    );
  });

  it("rejects a stale edit with 409", async () => {
    const defs = defaultDefinitions();
    await api.request(base, json("PUT", { definitions: { ...defs, fiscalYearStartMonth: 2 } }));
    const stale = await api.request(
      base,
      json("PUT", { definitions: { ...defs, fiscalYearStartMonth: 3 }, basedOnVersion: 0 }),
    );
    expect(stale.status).toBe(409);
    expect(await read(stale)).toMatchObject({ code: "version_conflict" });
  });

  it("rejects invalid definitions with a message naming each field", async () => {
    const defs = defaultDefinitions();
    const rules = defs.slaRules.map((r, i) => (i === 2 ? { ...r, startStage: "mqll" } : r));
    const noHours = [{ key: "closed", timezone: "UTC", weeklyHours: [], holidays: [] }, ...defs.calendars];
    const bad = {
      ...defs,
      slaRules: rules,
      calendars: noHours,
      stageMapping: [...defs.stageMapping, { ...defs.stageMapping[0], stage: "sql" }],
      serviceLines: [{ key: "cloud", label: "Cloud" }],
      targets: [{ serviceLine: "cloud", fiscalQuarter: "FY2026-Q4", amount: -5 }],
    };
    const response = await api.request(base, json("PUT", { definitions: bad }));
    expect(response.status).toBe(400);
    const body = await read(response);
    expect(body.code).toBe("invalid_definitions");
    expect(body.message).toContain('slaRules[2].startStage: unknown stage "mqll"');
    expect(body.message).toContain("calendars[0].weeklyHours: calendar has no open hours");
    expect(body.message).toContain(`stageMapping[${defs.stageMapping.length}].value`);
    expect(body.message).toContain("targets[0].amount");

    const malformed = await api.request(base, json("PUT", { definitions: { ...defs, slaRules: [{ key: "x" }] } }));
    expect(malformed.status).toBe(400);
    expect(await read(malformed)).toMatchObject({
      code: "invalid_definitions",
      message: expect.stringContaining("slaRules[0].name"),
    });
    expect((await read(api.request(base))).version).toBe(0);
  });

  it("exports the Revenue SLA as YAML or JSON and imports it back, validated the same way", async () => {
    await api.request(base, json("PUT", { definitions: { ...defaultDefinitions(), fiscalYearStartMonth: 4 } }));
    const yaml = await api.request(`${base}/export?format=yaml`);
    expect(yaml.headers.get("content-type")).toContain("yaml");
    const text = await yaml.text();
    expect(text).toContain("kind: RevenueSLA");
    expect(text).toContain("fiscalYearStartMonth: 4");

    const edited = text.replace("fiscalYearStartMonth: 4", "fiscalYearStartMonth: 7");
    const imported = await api.request(`${base}/import`, {
      method: "POST",
      headers: { "content-type": "application/yaml" },
      body: edited,
    });
    expect(await read(imported)).toMatchObject({
      version: 2,
      changed: true,
      diff: [{ path: "fiscalYearStartMonth", before: 4, after: 7 }],
    });

    const exported = await read(api.request(`${base}/export?format=json`));
    expect(exported).toMatchObject({ kind: "RevenueSLA", workspace: "acme", version: 2 });
    exported.definitions.slaRules[0].calendarKey = "nowhere";
    const rejected = await api.request(`${base}/import`, json("POST", exported));
    expect(rejected.status).toBe(400);
    expect(await read(rejected)).toMatchObject({
      code: "invalid_definitions",
      message: expect.stringContaining('slaRules[0].calendarKey: unknown calendar "nowhere"'),
    });
    const notYaml = await api.request(`${base}/import`, {
      method: "POST",
      headers: { "content-type": "application/yaml" },
      body: "a: [",
    });
    expect(notYaml.status).toBe(400);
  });
});
