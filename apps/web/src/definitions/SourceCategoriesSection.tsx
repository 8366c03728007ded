import { CrmValueMap } from "./CrmValueMap";
import type { DefinitionsForm } from "./Field";
import { sourceCategories } from "./options";

/** Lead/deal source values of each CRM → marketing, sales, partner or other (the source mix). */
export function SourceCategoriesSection({ form }: { form: DefinitionsForm }) {
  return (
    <section className="panel" aria-labelledby="sources-title">
      <h2 id="sources-title">Source categories</h2>
      <CrmValueMap
        form={form}
        list="sourceCategoryMap"
        to="category"
        toTitle="Category"
        options={sourceCategories}
        testId="source-categories"
        caption="Source value in the CRM → category"
        empty="No source values mapped yet: unmapped sources are listed on Connections & data."
        addLabel="Map a source value"
      />
    </section>
  );
}
