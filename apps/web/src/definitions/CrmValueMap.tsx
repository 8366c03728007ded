import { AddButton, type DefinitionsForm, RemoveButton, SelectAt, TextAt } from "./Field";
import { ListTable } from "./ListTable";
import { crms } from "./options";

/** A map from a CRM's own values to one of ours: service-line values, source categories. */
export function CrmValueMap(props: {
  form: DefinitionsForm;
  list: "serviceLineMap" | "sourceCategoryMap";
  /** The field holding our value in each entry, its column title and its choices. */
  to: "serviceLine" | "category";
  toTitle: string;
  options: Array<{ value: string; label?: string }>;
  testId: string;
  caption: string;
  empty: string;
  addLabel: string;
}) {
  const { form, list, to } = props;
  const entries = form.draft[list] as Array<{ crm: string; value: string }>;
  return (
    <ListTable
      testId={props.testId}
      caption={props.caption}
      columns={["CRM", "Value in the CRM", props.toTitle]}
      rowCount={entries.length}
      empty={props.empty}
      add={
        <AddButton form={form} path={[list]} item={{ crm: "hubspot", value: "", [to]: props.options[0]?.value ?? "" }}>
          {props.addLabel}
        </AddButton>
      }
    >
      {entries.map((entry, i) => (
        <tr key={i} data-testid={`${props.testId}-entry`}>
          <td>
            <SelectAt form={form} path={[list, i, "crm"]} label={`CRM of entry ${i + 1}`} hideLabel options={crms} />
          </td>
          <td>
            <TextAt form={form} path={[list, i, "value"]} label={`${entry.crm} value ${i + 1}`} hideLabel size={18} />
          </td>
          <td>
            <SelectAt
              form={form}
              path={[list, i, to]}
              label={`${props.toTitle} for ${entry.crm} value ${entry.value}`}
              hideLabel
              options={props.options}
            />
          </td>
          <td>
            <RemoveButton form={form} path={[list]} index={i} what={`${entry.crm} value ${entry.value}`} />
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
