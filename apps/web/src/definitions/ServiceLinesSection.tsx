import { CrmValueMap } from "./CrmValueMap";
import { AddButton, type DefinitionsForm, RemoveButton, TextAt } from "./Field";
import { ListTable } from "./ListTable";
import { serviceLineChoices } from "./options";
import { ServiceLineProperty } from "./ServiceLineProperty";

/** Service lines, the CRM property that carries them, and the value map from its values to our lines (spec §5). */
export function ServiceLinesSection({ form, workspace }: { form: DefinitionsForm; workspace: string }) {
  const lines = serviceLineChoices(form.draft);
  return (
    <section className="panel" aria-labelledby="lines-def-title">
      <h2 id="lines-def-title">Service lines</h2>
      <div className="side-by-side">
        <div>
          <ListTable
            testId="service-lines"
            caption="Our service lines"
            columns={["Key", "Label"]}
            rowCount={form.draft.serviceLines.length}
            add={
              <AddButton form={form} path={["serviceLines"]} item={{ key: "", label: "" }}>
                Add a service line
              </AddButton>
            }
          >
            {form.draft.serviceLines.map((line, i) => (
              <tr key={i}>
                <td>
                  <TextAt
                    form={form}
                    path={["serviceLines", i, "key"]}
                    label={`Key of service line ${i + 1}`}
                    hideLabel
                    size={14}
                  />
                </td>
                <td>
                  <TextAt
                    form={form}
                    path={["serviceLines", i, "label"]}
                    label={`Label of service line ${line.key}`}
                    hideLabel
                  />
                </td>
                <td>
                  <RemoveButton form={form} path={["serviceLines"]} index={i} what={`service line ${line.key}`} />
                </td>
              </tr>
            ))}
          </ListTable>
          <ServiceLineProperty workspace={workspace} canEdit={form.canEdit} />
        </div>
        <div>
          <CrmValueMap
            form={form}
            list="serviceLineMap"
            to="serviceLine"
            toTitle="Service line"
            options={lines}
            testId="service-line-map"
            caption="CRM value → service line"
            empty="No values mapped: every record counts as unassigned."
            addLabel="Map a CRM value"
          />
        </div>
      </div>
    </section>
  );
}
