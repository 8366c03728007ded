import type { Definitions } from "./draft";
import { Field, NumberInput } from "./Field";

export interface SectionProps {
  draft: Definitions;
  edit: (path: Array<string | number>, value: unknown) => void;
  errors: Map<string, string>;
  canEdit: boolean;
}

const leadStages = ["lead", "mql", "sal", "sql", "recycled"];
const dealStages = ["opportunity", "proposal", "negotiation", "closed_won", "closed_lost"];
const sourceCategories = ["marketing", "sales", "partner", "other"];

export function TargetsSection({ draft, edit, errors, canEdit }: SectionProps) {
  const lines = [{ key: "all", label: "All (workspace total)" }, ...draft.serviceLines];
  return (
    <section className="panel" aria-labelledby="targets-title">
      <h2 id="targets-title">Targets (quota per fiscal quarter)</h2>
      <table className="data-table" data-testid="targets">
        <thead>
          <tr>
            <th scope="col">Service line</th>
            <th scope="col">Fiscal quarter</th>
            <th scope="col">Amount</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.targets.map((target, i) => (
            <tr key={`${i}-${target.serviceLine}`}>
              <td>
                <Field
                  id={`target-${i}-line`}
                  label={`Service line of target ${i + 1}`}
                  hideLabel
                  error={errors.get(`targets[${i}].serviceLine`)}
                >
                  {(aria) => (
                    <select
                      {...aria}
                      value={target.serviceLine}
                      disabled={!canEdit}
                      onChange={(e) => edit(["targets", i, "serviceLine"], e.target.value)}
                    >
                      {lines.map((l) => (
                        <option key={l.key} value={l.key}>
                          {l.label}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </td>
              <td>
                <Field
                  id={`target-${i}-quarter`}
                  label={`Fiscal quarter of target ${i + 1}`}
                  hideLabel
                  error={errors.get(`targets[${i}].fiscalQuarter`)}
                >
                  {(aria) => (
                    <input
                      {...aria}
                      value={target.fiscalQuarter}
                      size={10}
                      disabled={!canEdit}
                      onChange={(e) => edit(["targets", i, "fiscalQuarter"], e.target.value)}
                    />
                  )}
                </Field>
              </td>
              <td>
                <Field
                  id={`target-${i}-amount`}
                  label={`Amount of target ${i + 1}`}
                  hideLabel
                  error={errors.get(`targets[${i}].amount`)}
                >
                  {(aria) => (
                    <NumberInput
                      aria={aria}
                      step="any"
                      value={target.amount}
                      disabled={!canEdit}
                      onChange={(value) => edit(["targets", i, "amount"], value)}
                    />
                  )}
                </Field>
              </td>
              <td>
                {canEdit && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      edit(
                        ["targets"],
                        draft.targets.filter((_, j) => j !== i),
                      )
                    }
                  >
                    Remove<span className="visually-hidden"> target {i + 1}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {draft.targets.length === 0 && <p className="muted">No targets yet: coverage has no quota to compare with.</p>}
      {canEdit && (
        <button
          type="button"
          onClick={() => edit(["targets"], [...draft.targets, { serviceLine: "all", fiscalQuarter: "", amount: 0 }])}
        >
          Add a target
        </button>
      )}
    </section>
  );
}

export function SlaRulesSection({ draft, edit, errors, canEdit }: SectionProps) {
  return (
    <section className="panel" aria-labelledby="sla-title">
      <h2 id="sla-title">SLA rules</h2>
      <div className="table-scroll">
        <table className="data-table" data-testid="sla-rules">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Clock</th>
              <th scope="col">Target (minutes)</th>
              <th scope="col">At risk from</th>
              <th scope="col">Calendar</th>
              <th scope="col">Applies to</th>
            </tr>
          </thead>
          <tbody>
            {draft.slaRules.map((rule, i) => (
              <tr key={rule.key}>
                <td>
                  <Field
                    id={`rule-${i}-name`}
                    label={`Name of rule ${rule.key}`}
                    hideLabel
                    error={errors.get(`slaRules[${i}].name`)}
                  >
                    {(aria) => (
                      <input
                        {...aria}
                        value={rule.name}
                        disabled={!canEdit}
                        onChange={(e) => edit(["slaRules", i, "name"], e.target.value)}
                      />
                    )}
                  </Field>
                </td>
                <td>{rule.kind.replace(/_/g, " ")}</td>
                <td>
                  {rule.startStage} →{" "}
                  {rule.kind === "first_touch"
                    ? "first touch"
                    : rule.kind === "stage_max_age"
                      ? "leaves stage"
                      : rule.stopStages.join(" / ")}
                </td>
                <td>
                  <Field
                    id={`rule-${i}-target`}
                    label={`Target minutes of ${rule.name}`}
                    hideLabel
                    error={errors.get(`slaRules[${i}].targetMinutes`)}
                  >
                    {(aria) => (
                      <NumberInput
                        aria={aria}
                        value={rule.targetMinutes}
                        disabled={!canEdit}
                        onChange={(value) => edit(["slaRules", i, "targetMinutes"], value)}
                      />
                    )}
                  </Field>
                </td>
                <td>
                  <Field
                    id={`rule-${i}-risk`}
                    label={`At-risk fraction of ${rule.name}`}
                    hideLabel
                    error={errors.get(`slaRules[${i}].atRiskFraction`)}
                  >
                    {(aria) => (
                      <NumberInput
                        aria={aria}
                        step="0.05"
                        value={rule.atRiskFraction}
                        disabled={!canEdit}
                        onChange={(value) => edit(["slaRules", i, "atRiskFraction"], value)}
                      />
                    )}
                  </Field>
                </td>
                <td>{rule.calendarKey}</td>
                <td>{rule.filters.serviceLines?.length ? rule.filters.serviceLines.join(", ") : "all"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ServiceLinesSection({ draft, edit, errors, canEdit }: SectionProps) {
  return (
    <section className="panel" aria-labelledby="lines-def-title">
      <h2 id="lines-def-title">Service lines</h2>
      <table className="data-table" data-testid="service-lines">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Label</th>
            <th scope="col">CRM values mapped to it</th>
          </tr>
        </thead>
        <tbody>
          {draft.serviceLines.map((line, i) => (
            <tr key={`${i}`}>
              <td>
                <Field
                  id={`line-${i}-key`}
                  label={`Key of service line ${i + 1}`}
                  hideLabel
                  error={errors.get(`serviceLines[${i}].key`)}
                >
                  {(aria) => (
                    <input
                      {...aria}
                      value={line.key}
                      size={12}
                      disabled={!canEdit}
                      onChange={(e) => edit(["serviceLines", i, "key"], e.target.value)}
                    />
                  )}
                </Field>
              </td>
              <td>
                <Field
                  id={`line-${i}-label`}
                  label={`Label of service line ${line.key}`}
                  hideLabel
                  error={errors.get(`serviceLines[${i}].label`)}
                >
                  {(aria) => (
                    <input
                      {...aria}
                      value={line.label}
                      disabled={!canEdit}
                      onChange={(e) => edit(["serviceLines", i, "label"], e.target.value)}
                    />
                  )}
                </Field>
              </td>
              <td>
                {draft.serviceLineMap
                  .filter((m) => m.serviceLine === line.key)
                  .map((m) => `${m.crm}: ${m.value}`)
                  .join(", ") || "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && (
        <button type="button" onClick={() => edit(["serviceLines"], [...draft.serviceLines, { key: "", label: "" }])}>
          Add a service line
        </button>
      )}
    </section>
  );
}

export function MappingSection({ draft, edit, errors, canEdit }: SectionProps) {
  return (
    <section className="panel" aria-labelledby="mapping-title">
      <h2 id="mapping-title">Stage mapping and source categories</h2>
      <div className="two-columns">
        <table className="data-table" data-testid="stage-mapping">
          <caption className="table-caption">CRM value → canonical stage</caption>
          <thead>
            <tr>
              <th scope="col">CRM</th>
              <th scope="col">Property = value</th>
              <th scope="col">Stage</th>
            </tr>
          </thead>
          <tbody>
            {draft.stageMapping.map((entry, i) => (
              <tr key={`${entry.crm}:${entry.object}:${entry.property}:${entry.pipelineId}:${entry.value}`}>
                <td>{entry.crm}</td>
                <td>
                  <code>
                    {entry.property} = {entry.value}
                  </code>
                </td>
                <td>
                  <Field
                    id={`mapping-${i}`}
                    label={`Stage for ${entry.crm} ${entry.property} ${entry.value}`}
                    hideLabel
                    error={errors.get(`stageMapping[${i}].stage`)}
                  >
                    {(aria) => (
                      <select
                        {...aria}
                        value={entry.stage}
                        disabled={!canEdit}
                        onChange={(e) => edit(["stageMapping", i, "stage"], e.target.value)}
                      >
                        {(entry.object === "lead" ? leadStages : dealStages).map((s) => (
                          <option key={s}>{s}</option>
                        ))}
                      </select>
                    )}
                  </Field>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="data-table" data-testid="source-categories">
          <caption className="table-caption">Source → category</caption>
          <thead>
            <tr>
              <th scope="col">CRM</th>
              <th scope="col">Source value</th>
              <th scope="col">Category</th>
            </tr>
          </thead>
          <tbody>
            {draft.sourceCategoryMap.map((entry, i) => (
              <tr key={`${entry.crm}:${entry.value}`}>
                <td>{entry.crm}</td>
                <td>
                  <code>{entry.value}</code>
                </td>
                <td>
                  <Field
                    id={`source-${i}`}
                    label={`Category of ${entry.crm} source ${entry.value}`}
                    hideLabel
                    error={errors.get(`sourceCategoryMap[${i}].category`)}
                  >
                    {(aria) => (
                      <select
                        {...aria}
                        value={entry.category}
                        disabled={!canEdit}
                        onChange={(e) => edit(["sourceCategoryMap", i, "category"], e.target.value)}
                      >
                        {sourceCategories.map((c) => (
                          <option key={c}>{c}</option>
                        ))}
                      </select>
                    )}
                  </Field>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const weekdays = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export function CalendarsSection({ draft }: { draft: Definitions }) {
  return (
    <section className="panel" aria-labelledby="calendars-title">
      <h2 id="calendars-title">Business calendars</h2>
      <ul className="plain-list">
        {draft.calendars.map((calendar) => (
          <li key={calendar.key}>
            <strong>{calendar.key}</strong> ({calendar.timezone}):{" "}
            {calendar.weeklyHours.map((h) => `${weekdays[h.weekday]} ${h.open}–${h.close}`).join(", ")}
            {calendar.holidays.length ? `; ${calendar.holidays.length} holidays` : ""}
          </li>
        ))}
      </ul>
      <p className="muted">
        Time zone {draft.timezone}; fiscal year starts in month {draft.fiscalYearStartMonth}.
      </p>
    </section>
  );
}
