import { type ComponentType, createElement, lazy, useState } from "react";

/**
 * A page in its own chunk that can be fetched before it is shown. The page of the opened URL is
 * asked for together with the session check, not after it; once the chunk is in, the page
 * renders at once, without passing through the Suspense fallback (React keeps a fallback it has
 * revealed on screen for up to 300 ms, which held every first page load back).
 */
export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const fetchOnce = () => {
    loading ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        // A failed download is tried again by the next render, not remembered.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  const Lazy = lazy(fetchOnce);
  function Page(props: P) {
    // Chosen once per mount: switching from the lazy wrapper to the loaded page would remount it.
    const [component] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return createElement(component, props);
  }
  return {
    Page,
    preload: () => {
      fetchOnce().catch(() => undefined);
    },
  };
}
