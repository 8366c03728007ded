import { AddButton, type DefinitionsForm, RemoveButton, SelectAt, TextAt } from "./Field";
import { ListTable } from "./ListTable";
import { crmObjects, crms, dealStages, leadStages } from "./options";

/** Which CRM value means which canonical stage (spec §1); unmapped values show on Connections & data. */
export function StageMappingSection({ form }: { form: DefinitionsForm }) {
  return (
    <section className="panel" aria-labelledby="mapping-title">
      <h2 id="mapping-title">Stage mapping</h2>
      <div className="table-scroll">
        <ListTable
          testId="stage-mapping"
          caption="CRM value → canonical stage"
          columns={["CRM", "Object", "Property", "Pipeline id", "Value", "Stage"]}
          rowCount={form.draft.stageMapping.length}
          add={
            <AddButton
              form={form}
              path={["stageMapping"]}
              item={{
                crm: "hubspot",
                object: "lead",
                property: "lifecyclestage",
                pipelineId: null,
                value: "",
                stage: "lead",
              }}
            >
              Map a stage value
            </AddButton>
          }
        >
          {form.draft.stageMapping.map((entry, i) => {
            const at = (field: string) => ["stageMapping", i, field];
            const name = `${entry.crm} ${entry.property} ${entry.value}`;
            return (
              <tr key={i}>
                <td>
                  <SelectAt form={form} path={at("crm")} label={`CRM of mapping ${i + 1}`} hideLabel options={crms} />
                </td>
                <td>
                  <SelectAt
                    form={form}
                    path={at("object")}
                    label={`Object of mapping ${i + 1}`}
                    hideLabel
                    options={crmObjects}
                  />
                </td>
                <td>
                  <TextAt
                    form={form}
                    path={at("property")}
                    label={`Property of mapping ${i + 1}`}
                    hideLabel
                    size={12}
                  />
                </td>
                <td>
                  <PipelineField form={form} index={i} />
                </td>
                <td>
                  <TextAt form={form} path={at("value")} label={`Value of mapping ${i + 1}`} hideLabel size={18} />
                </td>
                <td>
                  <SelectAt
                    form={form}
                    path={at("stage")}
                    label={`Stage for ${name}`}
                    hideLabel
                    options={entry.object === "lead" ? leadStages : dealStages}
                  />
                </td>
                <td>
                  <RemoveButton form={form} path={["stageMapping"]} index={i} what={`mapping of ${name}`} />
                </td>
              </tr>
            );
          })}
        </ListTable>
      </div>
    </section>
  );
}

/** Empty = every pipeline (null in the definitions); a specific pipeline wins over it. */
function PipelineField(props: { form: DefinitionsForm; index: number }) {
  const { form, index } = props;
  const mapped: DefinitionsForm = {
    ...form,
    edit: (path, value) => form.edit(path, value === "" ? null : value),
  };
  return (
    <TextAt
      form={mapped}
      path={["stageMapping", index, "pipelineId"]}
      label={`Pipeline id of mapping ${index + 1}`}
      hideLabel
      size={10}
      placeholder="every pipeline"
    />
  );
}
