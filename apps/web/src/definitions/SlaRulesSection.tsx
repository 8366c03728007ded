import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { AddButton, type DefinitionsForm } from "./Field";
import { SlaRuleFields } from "./SlaRuleFields";

/** Channels a rule can send to: the in-app alert list, and every channel set up on Connections & data. */
function useChannelChoices(workspace: string) {
  const channels = useQuery({
    queryKey: ["channels", workspace],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/workspaces/{workspace}/channels", { params: { path: { workspace } } })),
  });
  return [
    { value: "in_app", label: "In the app (Alerts page)" },
    ...(channels.data?.channels ?? []).map((c) => ({ value: c.key, label: `${c.name} (${c.kind})` })),
  ];
}

export function SlaRulesSection({ form, workspace }: { form: DefinitionsForm; workspace: string }) {
  const channels = useChannelChoices(workspace);
  const newRule = {
    key: `rule-${form.draft.slaRules.length + 1}`,
    name: "",
    kind: "stage_max_age",
    startStage: "opportunity",
    stopStages: [],
    targetMinutes: 10 * 8 * 60,
    calendarKey: form.draft.calendars[0]?.key ?? "",
    filters: {},
    atRiskFraction: 0.75,
    escalateAfterMinutes: null,
    channels: ["in_app"],
    escalationChannels: [],
  };
  return (
    <section className="panel" aria-labelledby="sla-title" data-testid="sla-rules">
      <h2 id="sla-title">SLA rules</h2>
      <p className="muted">
        Targets are business minutes on the rule's calendar. A channel set to receive every rule gets alerts whatever is
        ticked here.
      </p>
      {form.draft.slaRules.map((_, i) => (
        // By position: a key from an editable field would remount the card (and lose focus) at every keystroke.
        <SlaRuleFields key={i} form={form} index={i} channels={channels} />
      ))}
      {form.draft.slaRules.length === 0 && <p className="muted">No SLA rules: no clocks run, no alerts are sent.</p>}
      <AddButton form={form} path={["slaRules"]} item={newRule}>
        Add an SLA rule
      </AddButton>
    </section>
  );
}
