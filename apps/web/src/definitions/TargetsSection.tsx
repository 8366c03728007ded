import { AddButton, type DefinitionsForm, NumberAt, RemoveButton, SelectAt, TextAt } from "./Field";
import { ListTable } from "./ListTable";
import { serviceLineChoices } from "./options";

export function TargetsSection({ form }: { form: DefinitionsForm }) {
  const lines = [{ value: "all", label: "All (workspace total)" }, ...serviceLineChoices(form.draft)];
  return (
    <section className="panel" aria-labelledby="targets-title">
      <h2 id="targets-title">Targets (quota per fiscal quarter)</h2>
      <ListTable
        testId="targets"
        columns={["Service line", "Fiscal quarter", "Amount"]}
        rowCount={form.draft.targets.length}
        empty="No targets yet: coverage has no quota to compare with."
        add={
          <AddButton form={form} path={["targets"]} item={{ serviceLine: "all", fiscalQuarter: "", amount: 0 }}>
            Add a target
          </AddButton>
        }
      >
        {form.draft.targets.map((_, i) => (
          <tr key={i}>
            <td>
              <SelectAt
                form={form}
                path={["targets", i, "serviceLine"]}
                label={`Service line of target ${i + 1}`}
                hideLabel
                options={lines}
              />
            </td>
            <td>
              <TextAt
                form={form}
                path={["targets", i, "fiscalQuarter"]}
                label={`Fiscal quarter of target ${i + 1}`}
                hideLabel
                size={10}
                placeholder="FY2026-Q4"
              />
            </td>
            <td>
              <NumberAt
                form={form}
                path={["targets", i, "amount"]}
                label={`Amount of target ${i + 1}`}
                hideLabel
                step="any"
              />
            </td>
            <td>
              <RemoveButton form={form} path={["targets"]} index={i} what={`target ${i + 1}`} />
            </td>
          </tr>
        ))}
      </ListTable>
    </section>
  );
}
