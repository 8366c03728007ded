import { Client } from "@hubspot/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../index.ts";
import { startTestSandbox } from "../testing.ts";

// Drives the HubSpot endpoints through the official SDK, as the connector will.
let sandbox: RunningSandbox;
let client: Client;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = new Client({ accessToken: sandbox.hubspot.privateAppToken, basePath: sandbox.hubspot.baseUrl });
});
afterAll(() => sandbox.close());

const searchTotal = async (filters: Record<string, unknown>[] = []) =>
  (
    await client.crm.contacts.searchApi.doSearch({
      filterGroups: filters.length ? [{ filters }] : [],
      limit: 1,
    } as never)
  ).total;

describe("objects", () => {
  it("pages contacts to the end, every live contact once", async () => {
    const all = await client.crm.contacts.getAll(100, undefined, ["lifecyclestage", "service_line"]);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(all.length).toBe(await searchTotal());
    expect(all[0]?.properties).toHaveProperty("lifecyclestage");
    expect(all[0]?.properties).toHaveProperty("lastmodifieddate");
  });

  it("returns at most 50 records a page with history, newest entry first", async () => {
    const page = await client.crm.deals.basicApi.getPage(
      100,
      undefined,
      ["dealstage", "amount"],
      ["dealstage", "amount", "closedate"],
    );
    expect(page.results.length).toBe(50);
    expect(page.paging?.next?.after).toBeTruthy();
    const history = page.results.flatMap((d) => d.propertiesWithHistory?.dealstage ?? []);
    expect(history.length).toBeGreaterThan(50);
    const deal = page.results.find((d) => (d.propertiesWithHistory?.dealstage?.length ?? 0) > 1);
    const [latest, previous] = deal?.propertiesWithHistory?.dealstage ?? [];
    expect(latest?.timestamp.getTime()).toBeGreaterThan(previous?.timestamp.getTime() ?? 0);
    expect(deal?.properties.dealstage).toBe(latest?.value);
    expect(deal?.properties[`hs_v2_date_entered_${latest?.value}`]).toBeUndefined();
    expect(deal?.properties.hs_lastmodifieddate).toBeTruthy();
  });

  it("accepts comma-joined properties and serves archived records only when asked", async () => {
    const response = await client.apiRequest({
      method: "GET",
      path: "/crm/v3/objects/contacts?limit=5&properties=email,lifecyclestage",
    });
    const body = (await response.json()) as { results: { properties: Record<string, unknown> }[] };
    expect(Object.keys(body.results[0]?.properties ?? {})).toEqual(
      expect.arrayContaining(["email", "lifecyclestage", "createdate", "hs_object_id", "lastmodifieddate"]),
    );
    const archived = await client.crm.contacts.getAll(100, undefined, undefined, undefined, undefined, true);
    expect(archived.length).toBeGreaterThan(0);
    expect(archived.every((c) => c.archived && c.archivedAt instanceof Date)).toBe(true);
  });

  it("reads a batch and reports missing ids as HubSpot does (207)", async () => {
    const [first] = (await client.crm.contacts.basicApi.getPage(1)).results;
    const batch = await client.crm.contacts.batchApi.read({
      inputs: [{ id: first?.id ?? "" }, { id: "999" }],
      properties: ["email"],
      propertiesWithHistory: ["lifecyclestage"],
    });
    expect(batch.results).toHaveLength(1);
    expect(batch.results[0]?.propertiesWithHistory?.lifecyclestage?.length).toBeGreaterThan(0);
    expect("errors" in batch && batch.errors?.[0]?.category).toBe("OBJECT_NOT_FOUND");
  });

  it("serves engagements with the markers first-touch logic needs", async () => {
    const emails = [];
    let after: string | undefined;
    do {
      const page = await client.crm.objects.emails.basicApi.getPage(100, after, [
        "hs_email_direction",
        "hs_sequence_id",
        "hs_timestamp",
      ]);
      emails.push(...page.results);
      after = page.paging?.next?.after;
    } while (after);
    const sequence = emails.filter((e) => e.properties.hs_sequence_id);
    expect(sequence.length).toBeGreaterThan(0);
    expect(emails.some((e) => e.properties.hs_email_direction === "INCOMING_EMAIL")).toBe(true);
    expect(emails.some((e) => e.properties.hs_email_direction === "EMAIL" && !e.properties.hs_sequence_id)).toBe(true);
    expect((await client.crm.objects.calls.basicApi.getPage(5)).results.length).toBe(5);
    expect(
      (await client.crm.objects.meetings.basicApi.getPage(5, undefined, ["hs_meeting_start_time"])).results.length,
    ).toBe(5);
  });
});

describe("search", () => {
  it("filters with every operator and sorts", async () => {
    const total = await searchTotal();
    const mqls = await searchTotal([
      { propertyName: "lifecyclestage", operator: "EQ", value: "marketingqualifiedlead" },
    ]);
    const notMqls = await searchTotal([
      { propertyName: "lifecyclestage", operator: "NEQ", value: "marketingqualifiedlead" },
    ]);
    expect(mqls + notMqls).toBe(total);
    const inList = await searchTotal([
      { propertyName: "lifecyclestage", operator: "IN", values: ["marketingqualifiedlead", "opportunity"] },
    ]);
    expect(inList).toBeGreaterThanOrEqual(mqls);
    expect(await searchTotal([{ propertyName: "hs_lead_status", operator: "HAS_PROPERTY" }])).toBe(total);
    const since = Date.parse("2026-10-01T00:00:00Z");
    const after = await searchTotal([{ propertyName: "createdate", operator: "GTE", value: String(since) }]);
    const before = await searchTotal([{ propertyName: "createdate", operator: "LT", value: "2026-10-01T00:00:00Z" }]);
    expect(after + before).toBe(total);
    const between = await searchTotal([
      {
        propertyName: "lastmodifieddate",
        operator: "BETWEEN",
        value: String(since),
        highValue: String(Date.parse("2026-11-01T00:00:00Z")),
      },
    ]);
    expect(between).toBeGreaterThan(0);
    expect(
      await searchTotal([{ propertyName: "createdate", operator: "GT", value: String(Date.parse("2027-01-01")) }]),
    ).toBe(0);
    expect(
      await searchTotal([{ propertyName: "createdate", operator: "LTE", value: String(Date.parse("2027-01-01")) }]),
    ).toBe(total);
    const sorted = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [],
      sorts: [{ propertyName: "lastmodifieddate", direction: "DESCENDING" }] as never,
      properties: ["lastmodifieddate"],
      limit: 200,
    });
    const times = sorted.results.map((c) => Date.parse(c.properties.lastmodifieddate ?? ""));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(sorted.paging?.next?.after).toBe("200");
  });

  it("a modification-time search (read from its index) finds what a scan of every record finds, mutations too", async () => {
    const own = await startTestSandbox();
    const hubspot = new Client({ accessToken: own.hubspot.privateAppToken, basePath: own.hubspot.baseUrl });
    const all = await hubspot.crm.contacts.getAll(100, undefined, ["lastmodifieddate"]);
    const modified = all.map((c) => ({ id: c.id, at: Date.parse(c.properties.lastmodifieddate ?? "") }));
    const since = [...modified].sort((a, b) => a.at - b.at)[Math.floor(modified.length / 2)]?.at ?? 0;
    const idsSince = async () => {
      const found = await hubspot.crm.contacts.searchApi.doSearch({
        filterGroups: [{ filters: [{ propertyName: "lastmodifieddate", operator: "GTE", value: String(since) }] }],
        sorts: ["hs_object_id"],
        limit: 200,
      } as never);
      expect(found.total).toBeLessThanOrEqual(200);
      return found.results.map((c) => c.id).sort();
    };
    const expected = modified.filter((c) => c.at >= since).map((c) => c.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(await idsSince()).toEqual([...expected].sort());
    // A contact last modified before the bound, changed now: the index must not hide it.
    const old = modified.find((c) => c.at < since);
    own.control.mutate({ crm: "hubspot", objectType: "contacts", id: old?.id ?? "", set: { hs_lead_status: "OPEN" } });
    let ids: string[] = [];
    for (let tries = 0; tries < 40 && !ids.includes(old?.id ?? ""); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ids = await idsSince();
    }
    expect(ids).toEqual([...expected, old?.id ?? ""].sort());
    await own.close();
  });

  it("answers bad filters with HubSpot's 400 body, not a crash", async () => {
    const bad = (filter: Record<string, unknown>) =>
      client.crm.contacts.searchApi
        .doSearch({ filterGroups: [{ filters: [filter] }] } as never)
        .catch((e: { code: number; body: unknown }) => e);
    const unknown = (await bad({ propertyName: "no_such_property", operator: "EQ", value: "x" })) as {
      code: number;
      body: Record<string, unknown>;
    };
    expect(unknown.code).toBe(400);
    expect(unknown.body).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });
    const operator = (await bad({ propertyName: "email", operator: "ROUGHLY", value: "x" })) as {
      code: number;
      body: Record<string, unknown>;
    };
    expect(operator.code).toBe(400);
    expect(String(operator.body.message)).toContain("ROUGHLY");
    const tooMany = await client.crm.contacts.searchApi
      .doSearch({ limit: 201 } as never)
      .catch((e: { code: number }) => e);
    expect((tooMany as { code: number }).code).toBe(400);
  });
});

describe("associations, pipelines, owners, properties", () => {
  it("links contacts, deals and engagements both ways (v4)", async () => {
    const deals = await client.crm.deals.basicApi.getPage(10);
    const deal = deals.results[0];
    const contacts = await client.crm.associations.v4.basicApi.getPage("deals", deal?.id ?? "", "contacts");
    expect(contacts.results).toHaveLength(1);
    expect(contacts.results[0]?.associationTypes[0]).toMatchObject({ category: "HUBSPOT_DEFINED", typeId: 3 });
    const contactId = String(contacts.results[0]?.toObjectId);
    const back = await client.crm.associations.v4.basicApi.getPage("contacts", contactId, "deals");
    expect(back.results.map((r) => String(r.toObjectId))).toContain(deal?.id);
    const batch = await client.crm.associations.v4.batchApi.getPage("contacts", "calls", {
      inputs: [{ id: contactId }],
    });
    const calls = batch.results[0]?.to ?? [];
    for (const call of calls) expect(call.associationTypes[0]?.typeId).toBe(193);
  });

  it("embeds v3 associations in list pages when asked", async () => {
    const page = await client.crm.objects.calls.basicApi.getPage(20, undefined, ["hs_timestamp"], undefined, [
      "contacts",
      "deals",
    ]);
    const contacts = page.results.map((call) => call.associations?.contacts?.results[0]);
    expect(contacts.every((link) => link?.type === "call_to_contact" && link.id)).toBe(true);
  });

  it("serves the deal pipeline with probability and isClosed as strings", async () => {
    const pipelines = await client.crm.pipelines.pipelinesApi.getAll("deals");
    const stages = pipelines.results[0]?.stages ?? [];
    expect(stages.map((s) => s.id)).toContain("closedwon");
    const won = stages.find((s) => s.id === "closedwon");
    expect(won?.metadata).toEqual({ isClosed: "true", probability: "1.0" });
  });

  it("lists owners and property definitions", async () => {
    const owners = await client.crm.owners.ownersApi.getPage(undefined, undefined, 100);
    expect(owners.results.length).toBeGreaterThan(0);
    expect(owners.results[0]?.teams?.[0]?.primary).toBe(true);
    const properties = await client.crm.properties.coreApi.getAll("deals");
    const names = properties.results.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(["dealstage", "service_line", "hs_v2_date_entered_closedwon", "hs_lastmodifieddate"]),
    );
  });
});
