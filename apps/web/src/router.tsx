import { useCallback, useEffect, useState } from "react";

/** A tiny history router: the whole view state lives in the URL so a link reproduces it. */
export function useLocation() {
  const [location, setLocation] = useState(() => ({ path: window.location.pathname, search: window.location.search }));
  useEffect(() => {
    const onPop = () => setLocation({ path: window.location.pathname, search: window.location.search });
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  return location;
}

export function navigate(to: string) {
  window.history.pushState(null, "", to);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

export function Link(props: { to: string; children: React.ReactNode; className?: string; current?: boolean }) {
  const onClick = useCallback(
    (event: React.MouseEvent) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      navigate(props.to);
    },
    [props.to],
  );
  return (
    <a href={props.to} onClick={onClick} className={props.className} aria-current={props.current ? "page" : undefined}>
      {props.children}
    </a>
  );
}

/** One query-string value of the current URL. */
export function useSearchParam(name: string): string | null {
  const { search } = useLocation();
  return new URLSearchParams(search).get(name);
}

/** Changes query-string values (null removes one), keeping the rest: a link reproduces the view. */
export function setSearchParams(updates: Record<string, string | null>, options: { replace?: boolean } = {}) {
  const params = new URLSearchParams(window.location.search);
  for (const [name, value] of Object.entries(updates)) {
    if (value === null || value === "") params.delete(name);
    else params.set(name, value);
  }
  const query = params.toString();
  const to = `${window.location.pathname}${query ? `?${query}` : ""}`;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

/** A path with the query-string values worth keeping across pages (workspace and week). */
export function withSharedParams(path: string): string {
  const current = new URLSearchParams(window.location.search);
  const kept = new URLSearchParams();
  for (const name of ["workspace", "week"]) {
    const value = current.get(name);
    if (value) kept.set(name, value);
  }
  const query = kept.toString();
  return query ? `${path}?${query}` : path;
}
