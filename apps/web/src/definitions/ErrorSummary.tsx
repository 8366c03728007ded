import { fieldId } from "./draft";

const lastStep = /(\.[A-Za-z]+|\[\d+\])$/;
const focusable = "input, select, textarea, button";

/** The nearest control on the page for a field path: the field itself, else the list or card that holds it. */
function controlFor(path: string): HTMLElement | null {
  for (let text = path; text; text = text.replace(lastStep, "")) {
    const element = document.getElementById(fieldId(text));
    if (element) return element.matches(focusable) ? element : element.querySelector<HTMLElement>(focusable);
    if (!lastStep.test(text)) break;
  }
  return null;
}

/** Every problem the API named, each a link to its field (where the same message also shows). */
export function ErrorSummary(props: { errors: Map<string, string> }) {
  if (props.errors.size === 0) return null;
  return (
    <div role="alert" className="error-box" data-testid="error-summary">
      <p>
        {props.errors.size} field{props.errors.size === 1 ? " needs" : "s need"} fixing (the message also shows next to
        each):
      </p>
      <ul>
        {[...props.errors].map(([path, message]) => (
          <li key={path}>
            <a
              href={`#${fieldId(path)}`}
              onClick={(event) => {
                event.preventDefault();
                const control = controlFor(path);
                control?.scrollIntoView({ block: "center" });
                control?.focus();
              }}
            >
              <code>{path}</code>
            </a>
            : {message}
          </li>
        ))}
      </ul>
    </div>
  );
}
