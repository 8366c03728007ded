import { Connection } from "jsforce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../index.ts";
import { startTestSandbox } from "../testing.ts";

// Drives the Salesforce endpoints through jsforce, connected as a connector would be (OAuth refresh token only).
let sandbox: RunningSandbox;
let conn: Connection;

const connect = (s: RunningSandbox) =>
  new Connection({
    oauth2: {
      clientId: s.salesforce.clientId,
      clientSecret: s.salesforce.clientSecret,
      loginUrl: s.salesforce.loginUrl,
    },
    instanceUrl: s.salesforce.instanceUrl,
    refreshToken: s.salesforce.refreshToken,
    version: "60.0",
  });

beforeAll(async () => {
  sandbox = await startTestSandbox();
  conn = connect(sandbox);
});
afterAll(() => sandbox.close());

const errorOf = (promise: PromiseLike<unknown>) =>
  Promise.resolve(promise).then(
    () => undefined,
    (e: { errorCode?: string; message: string }) => e,
  );

describe("auth", () => {
  it("refreshes the session on the first 401 and returns instance_url and id", async () => {
    const refreshed: string[] = [];
    conn.on("refresh", (token: string) => refreshed.push(token));
    const result = await conn.query("SELECT Id FROM User LIMIT 1");
    expect(result.records).toHaveLength(1);
    expect(refreshed).toHaveLength(1);
    expect(conn.instanceUrl).toBe(sandbox.salesforce.instanceUrl);
    expect(conn.userInfo?.organizationId).toMatch(/^00D/);
  });

  it("refreshes again when the access token expires", async () => {
    const short = await startTestSandbox({ accessTokenTtlMs: 150 });
    const c = connect(short);
    let refreshes = 0;
    c.on("refresh", () => refreshes++);
    await c.query("SELECT Id FROM Lead LIMIT 1");
    await new Promise((r) => setTimeout(r, 250));
    const again = await c.query("SELECT Id FROM Lead LIMIT 1");
    expect(again.records).toHaveLength(1);
    expect(refreshes).toBe(2);
    await short.close();
  });

  it("rejects a bad refresh token with the OAuth error body", async () => {
    const c = connect(sandbox);
    const error = await errorOf(c.oauth2.refreshToken("not-a-token"));
    expect(error?.message).toBe("expired access/refresh token");
  });
});

describe("query", () => {
  it("keyset pages (Id > last ORDER BY Id LIMIT n) return exactly the ordered result, other filters kept", async () => {
    const all = await conn.query<{ Id: string }>("SELECT Id FROM Task WHERE Subject != null ORDER BY Id", {
      autoFetch: true,
      maxFetch: 1_000_000,
    });
    const ids = all.records.map((record) => record.Id);
    expect(ids.length).toBeGreaterThan(500);
    expect(ids).toEqual([...ids].sort());
    const paged: string[] = [];
    for (let last = ""; ; ) {
      const where = ["Subject != null", last ? `Id > '${last}'` : ""].filter(Boolean).join(" AND ");
      const page = await conn.query<{ Id: string }>(`SELECT Id FROM Task WHERE ${where} ORDER BY Id LIMIT 200`);
      paged.push(...page.records.map((record) => record.Id));
      if (page.records.length < 200) break;
      last = page.records.at(-1)?.Id ?? "";
    }
    expect(paged).toEqual(ids);
    const from = ids[100] ?? "";
    const inclusive = await conn.query<{ Id: string }>(`SELECT Id FROM Task WHERE Id >= '${from}' ORDER BY Id LIMIT 3`);
    expect(inclusive.records.map((record) => record.Id)).toEqual(ids.slice(100, 103));
  });

  it("pages with queryMore to the end at the batch size asked for", async () => {
    const first = await conn.query("SELECT Id, Status, CreatedDate FROM Lead ORDER BY CreatedDate", {
      headers: { "Sforce-Query-Options": "batchSize=200" },
      autoFetch: false,
    });
    expect(first.records).toHaveLength(200);
    expect(first.done).toBe(false);
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v60\.0\/query\/01g/);
    const ids = first.records.map((r) => r.Id);
    let locator = first.nextRecordsUrl;
    while (locator) {
      const page = await conn.queryMore(locator);
      ids.push(...page.records.map((r) => r.Id));
      locator = page.done ? undefined : page.nextRecordsUrl;
    }
    expect(ids).toHaveLength(first.totalSize);
    expect(new Set(ids).size).toBe(ids.length);
    const all = await conn.query("SELECT Id FROM Lead").run({ autoFetch: true, maxFetch: 100_000 });
    expect(all.records).toHaveLength(first.totalSize);
  });

  it("evaluates WHERE with dates, booleans, strings, AND/OR and parentheses", async () => {
    const leads = await conn.query<{
      Id: string;
      Status: string;
      IsConverted: boolean;
      CreatedDate: string;
      LeadSource: string;
    }>(
      "SELECT Id, Status, IsConverted, CreatedDate, LeadSource, Service_Line__c FROM Lead " +
        "WHERE CreatedDate >= 2026-10-01T00:00:00Z AND (Status = 'Closed - Converted' OR (IsConverted = false AND LeadSource != 'Web')) " +
        "ORDER BY CreatedDate DESC LIMIT 50",
    );
    expect(leads.records.length).toBeGreaterThan(0);
    expect(leads.records.length).toBeLessThanOrEqual(50);
    for (const lead of leads.records) {
      expect(Date.parse(lead.CreatedDate)).toBeGreaterThanOrEqual(Date.parse("2026-10-01T00:00:00Z"));
      expect(lead.Status === "Closed - Converted" || (!lead.IsConverted && lead.LeadSource !== "Web")).toBe(true);
    }
    const times = leads.records.map((l) => Date.parse(l.CreatedDate));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(leads.records[0]).toMatchObject({ attributes: { type: "Lead" } });
    const opp = await conn.query<{ Id: string; IsWon: boolean; StageName: string; Probability: number }>(
      "SELECT Id, StageName, Amount, CloseDate, Probability, IsWon, IsClosed FROM Opportunity WHERE IsWon = true AND CloseDate < 2027-01-01",
    );
    expect(opp.records.every((o) => o.StageName === "Closed Won" && o.Probability === 100)).toBe(true);
    const id = opp.records[0]?.Id ?? "";
    const one = await conn.query(`SELECT Id FROM Opportunity WHERE Id IN ('${id}', '006000000000000AAA')`);
    expect(one.totalSize).toBe(1);
  });

  it("excludes deleted records from query and includes them in queryAll", async () => {
    const live = await conn.query("SELECT Id FROM Lead WHERE IsDeleted = true");
    expect(live.totalSize).toBe(0);
    const all = await conn.query("SELECT Id, IsDeleted FROM Lead WHERE IsDeleted = true", { scanAll: true });
    expect(all.totalSize).toBeGreaterThan(0);
    const withDeleted = await conn.query("SELECT COUNT() FROM Lead", { scanAll: true });
    const withoutDeleted = await conn.query("SELECT COUNT() FROM Lead");
    expect(withDeleted.totalSize).toBe(withoutDeleted.totalSize + all.totalSize);
  });

  it("answers IsDeleted = true from the deleted records alone: the same ids as filtering every record", async () => {
    const own = await startTestSandbox();
    try {
      const c = connect(own);
      const live = await c.query<{ Id: string }>("SELECT Id FROM Task ORDER BY Id LIMIT 3");
      const [task] = live.records;
      if (!task) throw new Error("no Task to delete");
      own.control.mutate({ crm: "salesforce", sobject: "Task", id: task.Id, delete: true });
      for (const object of ["Lead", "LeadHistory", "Opportunity", "OpportunityHistory", "Task", "Event"]) {
        const every = await c.query<{ Id: string; IsDeleted: boolean }>(`SELECT Id, IsDeleted FROM ${object}`, {
          scanAll: true,
          autoFetch: true,
          maxFetch: 1_000_000,
        });
        const expected = every.records.filter((record) => record.IsDeleted).map((record) => record.Id);
        const deleted = await c.query<{ Id: string }>(`SELECT Id FROM ${object} WHERE IsDeleted = true ORDER BY Id`, {
          scanAll: true,
          autoFetch: true,
          maxFetch: 1_000_000,
        });
        expect(deleted.records.map((record) => record.Id)).toEqual([...expected].sort());
        if (object === "Task") expect(expected).toContain(task.Id);
        if (object !== "LeadHistory" && object !== "OpportunityHistory") expect(expected.length).toBeGreaterThan(0);
      }
    } finally {
      await own.close();
    }
  });

  it("serves field history rows", async () => {
    const history = await conn.query<{ Field: string; OldValue: string; NewValue: string; LeadId: string }>(
      "SELECT LeadId, Field, OldValue, NewValue, CreatedDate FROM LeadHistory WHERE Field = 'Status' ORDER BY CreatedDate",
    );
    expect(history.records.length).toBeGreaterThan(0);
    expect(history.records[0]?.OldValue).toBeTruthy();
    const opportunityHistory = await conn.query(
      "SELECT OpportunityId, StageName, Amount, CloseDate, Probability, CreatedDate FROM OpportunityHistory",
    );
    expect(opportunityHistory.totalSize).toBeGreaterThan(0);
    const tasks = await conn
      .query<{ TaskSubtype: string; Is_Automated__c: boolean }>(
        "SELECT WhoId, OwnerId, ActivityDate, CreatedDate, Type, TaskSubtype, Subject, Is_Automated__c FROM Task",
      )
      .run({ autoFetch: true, maxFetch: 100_000 });
    expect(tasks.records.some((t) => t.TaskSubtype === "Email" && t.Is_Automated__c)).toBe(true);
    expect(tasks.records.some((t) => t.TaskSubtype === "Call" && !t.Is_Automated__c)).toBe(true);
    const events = await conn.query("SELECT WhoId, OwnerId, ActivityDateTime, Subject FROM Event LIMIT 5");
    expect(events.records).toHaveLength(5);
  });

  it("answers bad SOQL with Salesforce's error codes", async () => {
    expect((await errorOf(conn.query("SELECT Id, Nope FROM Lead")))?.errorCode).toBe("INVALID_FIELD");
    expect((await errorOf(conn.query("SELECT Id FORM Lead")))?.errorCode).toBe("MALFORMED_QUERY");
    expect((await errorOf(conn.query("SELECT Id FROM Lead WHERE (Status = 'x'")))?.errorCode).toBe("MALFORMED_QUERY");
    expect((await errorOf(conn.query("SELECT Id FROM Widget")))?.errorCode).toBe("INVALID_TYPE");
    expect((await errorOf(conn.query("SELECT Id FROM Lead WHERE CreatedDate > '2026-01-01'")))?.errorCode).toBe(
      "INVALID_FIELD",
    );
  });
});

describe("sobjects and limits", () => {
  it("describes objects with the custom service-line field", async () => {
    const lead = await conn.sobject("Lead").describe();
    expect(lead.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(["ConvertedOpportunityId", "IsConverted", "Service_Line__c"]),
    );
    expect(lead.fields.find((f) => f.name === "Service_Line__c")?.custom).toBe(true);
  });

  it("lists updated and deleted ids in a window", async () => {
    const start = new Date("2026-08-01T00:00:00Z");
    const end = new Date("2026-11-24T12:00:00Z");
    const updated = await conn.sobject("Lead").updated(start, end);
    expect(updated.ids.length).toBeGreaterThan(0);
    const deleted = await conn.sobject("Lead").deleted(start, end);
    expect(deleted.deletedRecords.length).toBeGreaterThan(0);
    expect(deleted.deletedRecords[0]?.deletedDate).toMatch(/\+0000$/);
  });

  it("reports usage in Sforce-Limit-Info and /limits, then REQUEST_LIMIT_EXCEEDED", async () => {
    await conn.query("SELECT Id FROM User LIMIT 1");
    expect(conn.limitInfo.apiUsage?.limit).toBe(100_000);
    expect((await conn.limits()).DailyApiRequests?.Max).toBe(100_000);
    const tight = await startTestSandbox({ limits: { salesforceDailyApiRequests: 2 } });
    const c = connect(tight);
    await c.query("SELECT Id FROM User LIMIT 1");
    await c.query("SELECT Id FROM User LIMIT 1");
    const error = await errorOf(c.query("SELECT Id FROM User LIMIT 1"));
    expect(error?.errorCode).toBe("REQUEST_LIMIT_EXCEEDED");
    await tight.close();
  });
});
