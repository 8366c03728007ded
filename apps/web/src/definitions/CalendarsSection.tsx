import { fieldId, listErrors } from "./draft";
import { AddButton, type DefinitionsForm, Field, RemoveButton, SelectAt, TextAt } from "./Field";
import { ListTable } from "./ListTable";
import { months, weekdays } from "./options";

// The browser's own list of IANA zones, offered as suggestions (the API validates the zone).
const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];

/** The workspace's time zone and fiscal year, and the business calendars SLA clocks count in. */
export function CalendarsSection({ form }: { form: DefinitionsForm }) {
  return (
    <section className="panel" aria-labelledby="calendars-title">
      <h2 id="calendars-title">Time zone, fiscal year and business calendars</h2>
      <datalist id="time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <div className="field-row">
        <TextAt
          form={form}
          path={["timezone"]}
          label="Workspace time zone (weeks and quarters)"
          list="time-zones"
          size={24}
        />
        <SelectAt form={form} path={["fiscalYearStartMonth"]} label="Fiscal year starts in" options={months} numeric />
      </div>
      {form.draft.calendars.map((calendar, i) => (
        <CalendarFields
          key={i}
          form={form}
          index={i}
          usedBy={form.draft.slaRules.filter((r) => r.calendarKey === calendar.key).length}
        />
      ))}
      <AddButton
        form={form}
        path={["calendars"]}
        item={{
          key: `calendar-${form.draft.calendars.length + 1}`,
          timezone: form.draft.timezone,
          weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: "09:00", close: "17:00" })),
          holidays: [],
        }}
      >
        Add a calendar
      </AddButton>
    </section>
  );
}

function CalendarFields(props: { form: DefinitionsForm; index: number; usedBy: number }) {
  const { form, index: i } = props;
  const calendar = form.draft.calendars[i];
  if (!calendar) return null;
  const at = (...rest: Array<string | number>) => ["calendars", i, ...rest];
  const hoursError = listErrors(form.errors, at("weeklyHours"));
  return (
    <fieldset className="rule-card" data-testid="calendar" data-calendar-key={calendar.key}>
      <legend>
        Calendar {calendar.key}{" "}
        <span className="muted">
          (used by {props.usedBy} SLA rule{props.usedBy === 1 ? "" : "s"})
        </span>
      </legend>
      <div className="field-row">
        <TextAt form={form} path={at("key")} label="Key" size={18} hint="SLA rules name their calendar by this key." />
        <TextAt form={form} path={at("timezone")} label="Time zone" list="time-zones" size={24} />
      </div>
      <ListTable
        testId="weekly-hours"
        id={fieldId(at("weeklyHours"))}
        error={hoursError}
        caption="Open hours (local time, HH:MM; close may be 24:00)"
        columns={["Day", "Opens", "Closes"]}
        rowCount={calendar.weeklyHours.length}
        add={
          <AddButton form={form} path={at("weeklyHours")} item={{ weekday: 1, open: "09:00", close: "17:00" }}>
            Add open hours<span className="visually-hidden"> to {calendar.key}</span>
          </AddButton>
        }
      >
        {calendar.weeklyHours.map((hours, j) => {
          const day = weekdays[hours.weekday - 1]?.label ?? `day ${hours.weekday}`;
          return (
            <tr key={j} data-testid="open-hours">
              <td>
                <SelectAt
                  form={form}
                  path={at("weeklyHours", j, "weekday")}
                  label={`Day of open hours ${j + 1} of ${calendar.key}`}
                  hideLabel
                  options={weekdays}
                  numeric
                />
              </td>
              <td>
                <TextAt
                  form={form}
                  path={at("weeklyHours", j, "open")}
                  label={`${day} opens (${calendar.key})`}
                  hideLabel
                  size={6}
                  placeholder="09:00"
                />
              </td>
              <td>
                <TextAt
                  form={form}
                  path={at("weeklyHours", j, "close")}
                  label={`${day} closes (${calendar.key})`}
                  hideLabel
                  size={6}
                  placeholder="17:00"
                />
              </td>
              <td>
                <RemoveButton form={form} path={at("weeklyHours")} index={j} what={`${day} hours of ${calendar.key}`} />
              </td>
            </tr>
          );
        })}
      </ListTable>
      <fieldset className="holidays" id={fieldId(at("holidays"))}>
        <legend>Holidays (closed all day)</legend>
        {calendar.holidays.length === 0 && <p className="muted">None.</p>}
        <ul className="plain-list inline-list">
          {calendar.holidays.map((_, j) => (
            <li key={j}>
              <Field form={form} path={at("holidays", j)} label={`Holiday ${j + 1} of ${calendar.key}`} hideLabel>
                {(aria) => (
                  <input
                    {...aria}
                    type="date"
                    value={calendar.holidays[j]}
                    disabled={!form.canEdit}
                    onChange={(e) => form.edit(at("holidays", j), e.target.value)}
                  />
                )}
              </Field>
              <RemoveButton form={form} path={at("holidays")} index={j} what={`holiday ${calendar.holidays[j]}`} />
            </li>
          ))}
        </ul>
        <AddButton form={form} path={at("holidays")} item="">
          Add a holiday<span className="visually-hidden"> to {calendar.key}</span>
        </AddButton>
      </fieldset>
      <RemoveButton form={form} path={["calendars"]} index={i} what={`calendar ${calendar.key}`} />
    </fieldset>
  );
}
