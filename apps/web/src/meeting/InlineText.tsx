import { useEffect, useState } from "react";

/**
 * Text changed in place: saved when the field is left or on Enter, Escape puts the saved text back.
 * The message (own check or the API's) shows right under the field; print shows the plain text.
 */
export function InlineText(props: {
  id: string;
  label: string;
  value: string;
  disabled: boolean;
  required: string;
  error: string | null;
  list?: string;
  onSave: (value: string) => void;
}) {
  const [typed, setTyped] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  // A new saved text (this save, or someone else's) replaces what was typed; a refused save keeps it for fixing.
  useEffect(() => setTyped(null), [props.value]);
  const value = typed ?? props.value;
  const error = missing ? props.required : props.error;
  const save = () => {
    const trimmed = value.trim();
    if (!trimmed) return setMissing(true);
    setMissing(false);
    if (trimmed !== props.value) props.onSave(trimmed);
    else setTyped(null);
  };
  return (
    <>
      <label className="visually-hidden" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        className="inline-text print-hidden"
        value={value}
        list={props.list}
        disabled={props.disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${props.id}-error` : undefined}
        onChange={(e) => setTyped(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            save();
          } else if (e.key === "Escape") {
            setTyped(null);
            setMissing(false);
          }
        }}
      />
      <span className="print-only">{props.value}</span>
      {error && (
        <span id={`${props.id}-error`} className="field-error" data-testid="field-error">
          {error}
        </span>
      )}
    </>
  );
}
