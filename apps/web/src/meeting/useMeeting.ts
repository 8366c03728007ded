import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiRequestError, api, unwrap } from "../api/client";
import type { components } from "../api/schema";

export type ActionItem = components["schemas"]["ActionItem"];
export type ActionItemStatus = ActionItem["status"];

const meetingKey = (workspace: string, week: string) => ["meeting", workspace, week];

export function useMeeting(workspace: string, week: string) {
  return useQuery({
    queryKey: meetingKey(workspace, week),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/workspaces/{workspace}/meeting", { params: { path: { workspace }, query: { week } } }),
      ),
  });
}

/** Every meeting mutation refreshes every week's agenda: an item's change shows in all later weeks. */
function useMeetingMutation<Input, Output>(workspace: string, run: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries({ queryKey: ["meeting", workspace] }),
  });
}

export function useSaveNotes(workspace: string, week: string) {
  return useMeetingMutation(workspace, async (body: string) =>
    unwrap(
      await api.PUT("/api/v1/workspaces/{workspace}/meeting/notes", {
        params: { path: { workspace }, query: { week } },
        body: { body },
      }),
    ),
  );
}

export function useAddActionItem(workspace: string, week: string) {
  return useMeetingMutation(workspace, async (input: { title: string; owner: string; dueDate: string | null }) =>
    unwrap(
      await api.POST("/api/v1/workspaces/{workspace}/meeting/action-items", {
        params: { path: { workspace } },
        body: { week, ...input },
      }),
    ),
  );
}

export function useChangeActionItem(workspace: string, week: string) {
  return useMeetingMutation(
    workspace,
    async (input: {
      id: string;
      status?: ActionItemStatus;
      dueDate?: string | null;
      owner?: string;
      title?: string;
    }) => {
      const { id, ...change } = input;
      return unwrap(
        await api.PATCH("/api/v1/workspaces/{workspace}/meeting/action-items/{id}", {
          params: { path: { workspace, id } },
          body: { week, ...change },
        }),
      );
    },
  );
}

export function useDeleteActionItem(workspace: string) {
  return useMeetingMutation(workspace, async (id: string) => {
    const result = await api.DELETE("/api/v1/workspaces/{workspace}/meeting/action-items/{id}", {
      params: { path: { workspace, id } },
    });
    if (!result.response.ok) unwrap(result as { data?: undefined; error?: unknown; response: Response });
    return id;
  });
}

/** The API's message for a failed mutation, to show next to the control. */
export const errorMessage = (error: unknown) =>
  error instanceof ApiRequestError ? error.body.message : error instanceof Error ? error.message : null;
