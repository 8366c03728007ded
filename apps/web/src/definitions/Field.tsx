/** An input with its label and, right under it, the API's message for that field. */
export function Field(props: {
  id: string;
  label: string;
  error?: string;
  hideLabel?: boolean;
  children: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const errorId = `${props.id}-error`;
  return (
    <div className="field">
      <label htmlFor={props.id} className={props.hideLabel ? "visually-hidden" : undefined}>
        {props.label}
      </label>
      {props.children({
        id: props.id,
        "aria-invalid": props.error ? true : undefined,
        "aria-describedby": props.error ? errorId : undefined,
      })}
      {props.error && (
        <span id={errorId} className="field-error" data-testid="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}

/** A number input whose empty state is NaN in the draft, so validation can name the field instead of guessing 0. */
export function NumberInput(props: {
  aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string };
  value: number;
  step?: string;
  disabled: boolean;
  onChange: (value: number) => void;
}) {
  return (
    <input
      {...props.aria}
      type="number"
      step={props.step}
      value={Number.isNaN(props.value) ? "" : props.value}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.target.value === "" ? Number.NaN : Number(e.target.value))}
    />
  );
}
