import type { AlertMessage } from "../alerts/alert-message.ts";
import { kindLabel } from "../alerts/alert-message.ts";
import type { SlackSecrets } from "./channel-config.ts";
import { postJson } from "./webhook.ts";

export interface SlackContent {
  text: string;
  blocks: unknown[];
}

const escapeMrkdwn = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
const link = (url: string | null, label: string) => (url ? `<${url}|${escapeMrkdwn(label)}>` : escapeMrkdwn(label));

/** Block Kit: a header, one section per alert (rule, record with CRM link, owner, how late), a dashboard button. */
export function alertSlackContent(message: AlertMessage): SlackContent {
  const sections = message.items.slice(0, 45).map((item) => ({
    type: "section",
    text: {
      type: "mrkdwn",
      text: `*${kindLabel(item.kind)}* · ${escapeMrkdwn(item.ruleName)}\n${item.entityKind === "deal" ? "Deal" : "Lead"}: ${link(item.recordUrl, item.entityName)}\nOwner: ${escapeMrkdwn(item.owner)} · ${escapeMrkdwn(item.lateness)} (deadline ${item.deadlineAt.slice(0, 16).replace("T", " ")} UTC)`,
    },
  }));
  return {
    text: message.subject,
    blocks: [
      { type: "header", text: { type: "plain_text", text: message.subject.slice(0, 150) } },
      ...sections,
      {
        type: "actions",
        elements: [{ type: "button", text: { type: "plain_text", text: "Open alerts" }, url: message.dashboardUrl }],
      },
    ],
  };
}

/** Posts to a Slack incoming webhook; anything but 2xx is an error carrying Slack's answer. */
export async function sendSlack(secrets: SlackSecrets, content: SlackContent): Promise<void> {
  await postJson(secrets.webhookUrl, JSON.stringify(content), { what: "Slack webhook" });
}
