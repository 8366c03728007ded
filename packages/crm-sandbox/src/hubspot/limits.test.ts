import { Client } from "@hubspot/api-client";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunningSandbox } from "../index.ts";
import { startTestSandbox } from "../testing.ts";

// Rate limits, the 10,000 search cap, index lag and OAuth expiry, as the SDK sees them.
const running: RunningSandbox[] = [];
const start = async (options: Parameters<typeof startTestSandbox>[0]) => {
  const sandbox = await startTestSandbox(options);
  running.push(sandbox);
  return sandbox;
};
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});
const clientOf = (s: RunningSandbox, numberOfApiCallRetries = 0) =>
  new Client({ accessToken: s.hubspot.privateAppToken, basePath: s.hubspot.baseUrl, numberOfApiCallRetries });
type ApiError = { code: number; body: Record<string, unknown>; headers: Record<string, string> };
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: ApiError) => e,
  );

describe("rate limits", () => {
  it("answers the 11th request in 10 s with the TEN_SECONDLY_ROLLING 429 and headers", async () => {
    const sandbox = await start({ limits: { hubspot: { perTenSeconds: 10 } } });
    const client = clientOf(sandbox);
    const first = await client.crm.contacts.basicApi.getPageWithHttpInfo(1);
    expect(first.headers["x-hubspot-ratelimit-max"]).toBe("10");
    expect(first.headers["x-hubspot-ratelimit-remaining"]).toBe("9");
    expect(first.headers["content-type"]).toMatch(/^application\/json/);
    for (let i = 0; i < 9; i++) await client.crm.contacts.basicApi.getPage(1);
    const error = await failure(client.crm.contacts.basicApi.getPage(1));
    expect(error?.code).toBe(429);
    expect(error?.body).toMatchObject({ status: "error", errorType: "RATE_LIMIT", policyName: "TEN_SECONDLY_ROLLING" });
    expect(error?.headers["x-hubspot-ratelimit-remaining"]).toBe("0");
  });

  it("limits searches per second per portal, and the SDK's retry gets through", async () => {
    const sandbox = await start({ limits: { hubspot: { searchPerSecond: 1 } } });
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const noRetry = clientOf(sandbox);
    await noRetry.crm.contacts.searchApi.doSearch({ limit: 1 });
    const error = await failure(noRetry.crm.contacts.searchApi.doSearch({ limit: 1 }));
    expect(error?.code).toBe(429);
    expect(error?.body).toMatchObject({ message: "You have reached your secondly limit.", errorType: "RATE_LIMIT" });
    // A second client of the same portal shares its limit; with retries the SDK waits the 429 out.
    const retrying = clientOf(sandbox, 3);
    const result = await retrying.crm.contacts.searchApi.doSearch({ limit: 1 });
    expect(result.total).toBeGreaterThan(0);
  });
});

describe("search", () => {
  it("refuses to page past 10,000 results with a 400", async () => {
    const sandbox = await start({ leads: 6000 });
    const client = clientOf(sandbox);
    let after: string | undefined = "0";
    let seen = 0;
    let total = 0;
    while (after !== undefined && Number(after) < 10_000) {
      const page = await client.crm.objects.emails.searchApi.doSearch({ limit: 200, after });
      seen += page.results.length;
      total = page.total;
      after = page.paging?.next?.after;
    }
    expect(total).toBeGreaterThan(10_000);
    expect(seen).toBe(10_000);
    expect(after).toBe("10000");
    const error = await failure(client.crm.objects.emails.searchApi.doSearch({ limit: 200, after }));
    expect(error?.code).toBe(400);
    expect(error?.body.category).toBe("VALIDATION_ERROR");
  }, 60_000);

  it("shows a change in search only after the index lag", async () => {
    const sandbox = await start({ indexLagMs: 300 });
    const client = clientOf(sandbox);
    const [contact] = (await client.crm.contacts.basicApi.getPage(1)).results;
    const id = contact?.id ?? "";
    sandbox.control.mutate({ crm: "hubspot", objectType: "contacts", id, set: { lifecyclestage: "evangelist" } });
    const filter = {
      filterGroups: [{ filters: [{ propertyName: "lifecyclestage", operator: "EQ", value: "evangelist" }] }],
    };
    expect((await client.crm.contacts.searchApi.doSearch(filter as never)).total).toBe(0);
    const listed = await client.crm.contacts.basicApi.getById(id, ["lifecyclestage"], ["lifecyclestage"]);
    expect(listed.properties.lifecyclestage).toBe("evangelist");
    expect(listed.propertiesWithHistory?.lifecyclestage?.[0]?.value).toBe("evangelist");
    await new Promise((r) => setTimeout(r, 350));
    expect((await client.crm.contacts.searchApi.doSearch(filter as never)).total).toBe(1);
  });
});

describe("OAuth", () => {
  it("expires access tokens with HubSpot's 401 and issues new ones for the refresh token", async () => {
    const sandbox = await start({ accessTokenTtlMs: 200 });
    const { clientId, clientSecret, refreshToken } = sandbox.hubspot;
    const client = new Client({ basePath: sandbox.hubspot.baseUrl });
    const token = await client.oauth.tokensApi.create(
      "refresh_token",
      undefined,
      undefined,
      clientId,
      clientSecret,
      refreshToken,
    );
    expect(token.expiresIn).toBe(1);
    client.setAccessToken(token.accessToken);
    expect((await client.crm.deals.basicApi.getPage(1)).results).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 250));
    const error = await failure(client.crm.deals.basicApi.getPage(1));
    expect(error?.code).toBe(401);
    expect(error?.body).toMatchObject({ status: "error", category: "EXPIRED_AUTHENTICATION" });
    const fresh = await client.oauth.tokensApi.create(
      "refresh_token",
      undefined,
      undefined,
      clientId,
      clientSecret,
      refreshToken,
    );
    client.setAccessToken(fresh.accessToken);
    expect((await client.crm.deals.basicApi.getPage(1)).results).toHaveLength(1);
    sandbox.control.revokeTokens({ crm: "hubspot", refreshTokens: true });
    expect((await failure(client.crm.deals.basicApi.getPage(1)))?.code).toBe(401);
    const refused = await failure(
      client.oauth.tokensApi.create("refresh_token", undefined, undefined, clientId, clientSecret, refreshToken),
    );
    expect(refused?.code).toBe(400);
  });
});
