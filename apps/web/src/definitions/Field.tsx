import { type Definitions, fieldId, getAt, listErrors, pathText } from "./draft";

type Path = Array<string | number>;

/** What every section needs: the draft, how to change one leaf, the API's messages by field, and the role. */
export interface DefinitionsForm {
  draft: Definitions;
  edit: (path: Path, value: unknown) => void;
  errors: Map<string, string>;
  canEdit: boolean;
}

type Aria = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

/** An input with its label and, right under it, the API's message for that field (and its hint). */
export function Field(props: {
  form: DefinitionsForm;
  path: Path;
  label: string;
  hideLabel?: boolean;
  hint?: string;
  children: (aria: Aria) => React.ReactNode;
}) {
  const id = fieldId(props.path);
  const error = props.form.errors.get(pathText(props.path));
  const described = [error ? `${id}-error` : "", props.hint ? `${id}-hint` : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id} className={props.hideLabel ? "visually-hidden" : undefined}>
        {props.label}
      </label>
      {props.children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": described || undefined })}
      {props.hint && (
        <span id={`${id}-hint`} className="field-hint">
          {props.hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" data-testid="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** A number input whose empty state is NaN in the draft, so validation can name the field instead of guessing 0. */
function NumberInput(props: {
  aria: Aria;
  value: number | null;
  step?: string;
  disabled: boolean;
  onChange: (value: number) => void;
}) {
  return (
    <input
      {...props.aria}
      type="number"
      step={props.step}
      value={props.value === null || Number.isNaN(props.value) ? "" : props.value}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.target.value === "" ? Number.NaN : Number(e.target.value))}
    />
  );
}

type AtProps = { form: DefinitionsForm; path: Path; label: string; hideLabel?: boolean; hint?: string };

/** A text field bound to one string of the draft. */
export function TextAt(props: AtProps & { size?: number; placeholder?: string; list?: string }) {
  const { form, path } = props;
  return (
    <Field {...props}>
      {(aria) => (
        <input
          {...aria}
          value={String(getAt(form.draft, path) ?? "")}
          size={props.size}
          placeholder={props.placeholder}
          list={props.list}
          disabled={!form.canEdit}
          onChange={(e) => form.edit(path, e.target.value)}
        />
      )}
    </Field>
  );
}

/** A number field bound to one number of the draft; `emptyIsNull` for optional numbers ("never"). */
export function NumberAt(props: AtProps & { step?: string; emptyIsNull?: boolean }) {
  const { form, path } = props;
  return (
    <Field {...props}>
      {(aria) => (
        <NumberInput
          aria={aria}
          step={props.step}
          value={getAt(form.draft, path) as number | null}
          disabled={!form.canEdit}
          onChange={(value) => form.edit(path, props.emptyIsNull && Number.isNaN(value) ? null : value)}
        />
      )}
    </Field>
  );
}

/** A select bound to one string (or number) of the draft; an unknown current value stays visible so it can be fixed. */
export function SelectAt(props: AtProps & { options: Array<{ value: string; label?: string }>; numeric?: boolean }) {
  const { form, path } = props;
  const value = String(getAt(form.draft, path) ?? "");
  const options = props.options.some((o) => o.value === value) ? props.options : [{ value }, ...props.options];
  return (
    <Field {...props}>
      {(aria) => (
        <select
          {...aria}
          value={value}
          disabled={!form.canEdit}
          onChange={(e) => form.edit(path, props.numeric ? Number(e.target.value) : e.target.value)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label ?? (o.value || "—")}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A list of strings as checkboxes (a fieldset), with the API's messages for the list or any of its items. */
export function CheckboxesAt(props: AtProps & { options: Array<{ value: string; label?: string }>; empty?: string }) {
  const { form, path } = props;
  const chosen = (getAt(form.draft, path) as string[] | undefined) ?? [];
  const options: Array<{ value: string; label?: string }> = [
    ...props.options,
    ...chosen.filter((c) => !props.options.some((o) => o.value === c)).map((value) => ({ value })),
  ];
  const id = fieldId(path);
  const error = listErrors(form.errors, path);
  return (
    <fieldset className="checkbox-group" id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className={props.hideLabel ? "visually-hidden" : undefined}>{props.label}</legend>
      {options.map((option) => (
        <label key={option.value}>
          <input
            type="checkbox"
            checked={chosen.includes(option.value)}
            disabled={!form.canEdit}
            onChange={(e) =>
              form.edit(path, e.target.checked ? [...chosen, option.value] : chosen.filter((c) => c !== option.value))
            }
          />{" "}
          {option.label ?? option.value}
        </label>
      ))}
      {props.empty && chosen.length === 0 && <span className="muted">{props.empty}</span>}
      {error && (
        <span id={`${id}-error`} className="field-error" data-testid="field-error">
          {error}
        </span>
      )}
    </fieldset>
  );
}

/** Removes item `index` of the list at `path`. */
export function RemoveButton(props: { form: DefinitionsForm; path: Path; index: number; what: string }) {
  if (!props.form.canEdit) return null;
  const list = getAt(props.form.draft, props.path) as unknown[];
  return (
    <button
      type="button"
      className="link-button"
      onClick={() =>
        props.form.edit(
          props.path,
          list.filter((_, j) => j !== props.index),
        )
      }
    >
      Remove<span className="visually-hidden"> {props.what}</span>
    </button>
  );
}

/** Appends a new item to the list at `path`. */
export function AddButton(props: { form: DefinitionsForm; path: Path; item: unknown; children: React.ReactNode }) {
  if (!props.form.canEdit) return null;
  const list = getAt(props.form.draft, props.path) as unknown[];
  return (
    <button type="button" onClick={() => props.form.edit(props.path, [...list, props.item])}>
      {props.children}
    </button>
  );
}
