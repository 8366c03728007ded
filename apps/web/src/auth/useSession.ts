import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";

/** The signed-in person and their workspaces; `signedIn` is false on a 401. */
export function useSession() {
  return useQuery({
    queryKey: ["me"],
    queryFn: async () => {
      const result = await api.GET("/api/v1/me");
      if (result.response.status === 401) return { signedIn: false as const };
      if (!result.data) throw new Error(`The server answered ${result.response.status}`);
      return { signedIn: true as const, ...result.data };
    },
    staleTime: 60_000,
    retry: false,
  });
}

/** After sign-in or sign-out every cached answer belongs to someone else: start over. */
export function useResetSession() {
  const queries = useQueryClient();
  return () => queries.resetQueries();
}
