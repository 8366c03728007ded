import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatMinutes } from "../alerts/alert-message.ts";
import { parseChannelConfig } from "./channel-config.ts";
import { signWebhookBody } from "./webhook.ts";

describe("channel settings and signing", () => {
  it("signs timestamp.body with HMAC-SHA256", () => {
    const expected = createHmac("sha256", "s3cret").update("1700000000.{}").digest("hex");
    expect(signWebhookBody("s3cret", "1700000000", "{}")).toBe(`sha256=${expected}`);
  });

  it("names every bad field", () => {
    expect(() =>
      parseChannelConfig("webhook", { settings: { url: "ftp://x" }, secrets: { signingSecret: "short" } }),
    ).toThrow(
      /settings\.url: the webhook URL must be an http\(s\) URL.*secrets\.signingSecret: must be at least 16 characters/,
    );
    expect(() => parseChannelConfig("slack", { settings: {}, secrets: {} })).toThrow(/secrets\.webhookUrl/);
    expect(
      parseChannelConfig("email", {
        settings: { host: "smtp.example.com", from: "a@b.co", recipients: ["c@d.co"] },
        secrets: {},
      }).settings,
    ).toMatchObject({ port: 587, secure: false });
  });

  it("formats lateness in days, hours and minutes", () => {
    expect(formatMinutes(0)).toBe("0 min");
    expect(formatMinutes(125)).toBe("2 h 5 min");
    expect(formatMinutes(-1500)).toBe("1 d 1 h");
  });
});
