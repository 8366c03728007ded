import { SessionMenu } from "../auth/SessionMenu";
import { Link, useLocation, withSharedParams } from "../router";

const sections = [
  { to: "/", label: "Weekly review" },
  { to: "/meeting", label: "Review meeting" },
  { to: "/definitions", label: "Definitions" },
  { to: "/alerts", label: "Alerts" },
  { to: "/connections", label: "Connections & data" },
  { to: "/status", label: "System status" },
];

export function Shell(props: { children: React.ReactNode }) {
  const { path } = useLocation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">RevOps review</span>
        <SessionMenu />
      </header>
      <nav className="sidenav" aria-label="Sections">
        <ul>
          {sections.map((section) => (
            <li key={section.to}>
              <Link
                to={withSharedParams(section.to)}
                current={section.to === "/" ? path === "/" : path.startsWith(section.to)}
              >
                {section.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content">
        {props.children}
      </main>
    </div>
  );
}
