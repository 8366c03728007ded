import { useState } from "react";
import { CheckboxesAt, type DefinitionsForm, Field, NumberAt, RemoveButton, SelectAt, TextAt } from "./Field";
import { allStages, leadStages, serviceLineChoices, slaKinds, sourceCategories } from "./options";

type Choice = { value: string; label?: string };

/** One SLA rule: what starts and stops the clock, its target, calendar, who it applies to and where alerts go. */
export function SlaRuleFields(props: { form: DefinitionsForm; index: number; channels: Choice[] }) {
  const { form, index: i } = props;
  const rule = form.draft.slaRules[i];
  if (!rule) return null;
  const at = (...rest: string[]) => ["slaRules", i, ...rest];
  const title = rule.name || rule.key || `rule ${i + 1}`;
  const startsAtMql = rule.kind === "first_touch" || rule.kind === "acceptance";
  const hasStopStages = rule.kind === "acceptance" || rule.kind === "stage_to_stage";
  return (
    <fieldset className="rule-card" data-testid="sla-rule" data-rule-key={rule.key}>
      <legend>{title}</legend>
      <div className="field-row">
        <TextAt form={form} path={at("name")} label="Name" size={36} />
        <TextAt
          form={form}
          path={at("key")}
          label="Key"
          size={18}
          hint="Alerts are recorded under the key: a new key starts a new alert history."
        />
        <SelectAt form={form} path={at("kind")} label="Kind" options={slaKinds} />
      </div>
      <div className="field-row">
        <SelectAt
          form={form}
          path={at("startStage")}
          label="Clock starts on entering"
          options={startsAtMql ? leadStages.filter((s) => s.value === "mql") : allStages}
        />
        {hasStopStages ? (
          <CheckboxesAt form={form} path={at("stopStages")} label="Clock stops on reaching" options={allStages} />
        ) : (
          <p className="muted rule-stop">
            Clock stops at {rule.kind === "first_touch" ? "the first touch" : "leaving the stage"}.
          </p>
        )}
      </div>
      <div className="field-row">
        <NumberAt form={form} path={at("targetMinutes")} label="Target (business minutes)" />
        <SelectAt
          form={form}
          path={at("calendarKey")}
          label="Business calendar"
          options={form.draft.calendars.map((c) => ({ value: c.key, label: `${c.key} (${c.timezone})` }))}
        />
        <NumberAt
          form={form}
          path={at("atRiskFraction")}
          label="At risk from (fraction of the target)"
          step="0.05"
          hint="0.75 = at risk once three quarters of the target have passed."
        />
        <NumberAt
          form={form}
          path={at("escalateAfterMinutes")}
          label="Escalate after (business minutes past the deadline)"
          emptyIsNull
          hint="Empty: never escalate."
        />
      </div>
      <div className="field-row">
        <CheckboxesAt
          form={form}
          path={at("filters", "serviceLines")}
          label="Service lines"
          options={[...serviceLineChoices(form.draft), { value: "unassigned", label: "Unassigned" }]}
          empty="None ticked: every service line."
        />
        <CheckboxesAt
          form={form}
          path={at("filters", "sourceCategories")}
          label="Source categories"
          options={sourceCategories}
          empty="None ticked: every source."
        />
        <TiersField form={form} index={i} />
      </div>
      <div className="field-row">
        <CheckboxesAt form={form} path={at("channels")} label="Alert channels" options={props.channels} />
        <CheckboxesAt
          form={form}
          path={at("escalationChannels")}
          label="Escalation channels"
          options={props.channels}
        />
      </div>
      <RemoveButton form={form} path={["slaRules"]} index={i} what={`rule ${title}`} />
    </fieldset>
  );
}

/** Lead tiers are the CRM's own words, typed as a comma-separated list; empty means every tier. */
function TiersField(props: { form: DefinitionsForm; index: number }) {
  const path = ["slaRules", props.index, "filters", "tiers"];
  const tiers = props.form.draft.slaRules[props.index]?.filters.tiers ?? [];
  // The box keeps what is typed ("a, "), unless the draft's list changed under it (a rule above was removed).
  const [typed, setTyped] = useState(tiers.join(", "));
  const shown = parseTiers(typed).join() === tiers.join() ? typed : tiers.join(", ");
  return (
    <Field form={props.form} path={path} label="Lead tiers" hint="Comma-separated, as in the CRM; empty: every tier.">
      {(aria) => (
        <input
          {...aria}
          value={shown}
          size={16}
          disabled={!props.form.canEdit}
          onChange={(e) => {
            setTyped(e.target.value);
            const list = parseTiers(e.target.value);
            props.form.edit(path, list.length ? list : undefined);
          }}
        />
      )}
    </Field>
  );
}

const parseTiers = (text: string) =>
  text
    .split(",")
    .map((tier) => tier.trim())
    .filter(Boolean);
