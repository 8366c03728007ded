import { sql } from "drizzle-orm";
import type { Database } from "../client.ts";

export interface RawFigures {
  mqls: number;
  responded: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  accepted: number;
  rejected: number;
  won: number;
  lost: number;
}

/**
 * The "straightforward" way: the same week's response time (wall clock), acceptance and win
 * counts computed by one SQL query over the raw synced tables (HubSpot default mapping), with
 * Postgres percentile_disc. It cannot express business minutes, point-in-time coverage or
 * velocity without re-implementing the domain in SQL, so it covers a subset of the review.
 */
export async function rawReviewFigures(
  db: Database,
  params: { workspaceId: string; start: Date; end: Date; asOf: Date },
): Promise<RawFigures> {
  const { workspaceId: ws, start, end, asOf } = params;
  const result = await db.execute(sql`
    with mql as (
      select pc.entity_id as lead_id, pc.changed_at as start_at,
        lead(pc.changed_at) over (partition by pc.entity_id order by pc.changed_at) as end_at
      from property_changes pc
      where pc.workspace_id = ${ws} and pc.entity_kind = 'lead' and pc.property = 'lifecyclestage'
        and pc.value = 'marketingqualifiedlead'
    ),
    cohort as (
      select m.* from mql m join leads l on l.id = m.lead_id and l.deleted_at is null
      where m.start_at >= ${start} and m.start_at < ${end} and m.start_at <= ${asOf}
    ),
    measured as (
      select c.start_at,
        (select min(a.occurred_at) from activities a
          where a.lead_id = c.lead_id and a.deleted_at is null and not a.automated
            and (a.kind <> 'email' or a.direction = 'outbound')
            and a.occurred_at >= c.start_at and (c.end_at is null or a.occurred_at < c.end_at)
            and a.occurred_at <= ${asOf}) as first_touch,
        (select min(pc.changed_at) from property_changes pc
          where pc.entity_id = c.lead_id and pc.entity_kind = 'lead'
            and ((pc.property = 'hs_lead_status' and pc.value in ('IN_PROGRESS', 'CONNECTED', 'OPEN_DEAL', 'ATTEMPTED_TO_CONTACT'))
              or (pc.property = 'lifecyclestage' and pc.value in ('salesqualifiedlead', 'opportunity')))
            and pc.changed_at >= c.start_at and (c.end_at is null or pc.changed_at < c.end_at)
            and pc.changed_at <= ${asOf}) as accepted_at,
        (select min(pc.changed_at) from property_changes pc
          where pc.entity_id = c.lead_id and pc.entity_kind = 'lead'
            and pc.property = 'hs_lead_status' and pc.value in ('UNQUALIFIED', 'BAD_TIMING')
            and pc.changed_at >= c.start_at and (c.end_at is null or pc.changed_at < c.end_at)
            and pc.changed_at <= ${asOf}) as rejected_at
      from cohort c
    ),
    closes as (
      select pc.entity_id, (array_agg(pc.value order by pc.changed_at desc))[1] as stage
      from property_changes pc join deals d on d.id = pc.entity_id and d.deleted_at is null
      where pc.workspace_id = ${ws} and pc.entity_kind = 'deal' and pc.property = 'dealstage'
        and pc.value in ('closedwon', 'closedlost')
        and pc.changed_at >= ${start} and pc.changed_at < ${end} and pc.changed_at <= ${asOf}
      group by pc.entity_id
    )
    select
      (select count(*) from measured)::int as mqls,
      (select count(first_touch) from measured)::int as responded,
      (select percentile_disc(0.5) within group (order by extract(epoch from first_touch - start_at) / 60) from measured) as median_minutes,
      (select percentile_disc(0.9) within group (order by extract(epoch from first_touch - start_at) / 60) from measured) as p90_minutes,
      (select count(*) from measured where accepted_at is not null and (rejected_at is null or accepted_at <= rejected_at))::int as accepted,
      (select count(*) from measured where rejected_at is not null and (accepted_at is null or rejected_at < accepted_at))::int as rejected,
      (select count(*) from closes where stage = 'closedwon')::int as won,
      (select count(*) from closes where stage = 'closedlost')::int as lost
  `);
  const row = (result as unknown as { rows: Array<Record<string, unknown>> }).rows[0] ?? {};
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    mqls: Number(row.mqls),
    responded: Number(row.responded),
    medianMinutes: num(row.median_minutes),
    p90Minutes: num(row.p90_minutes),
    accepted: Number(row.accepted),
    rejected: Number(row.rejected),
    won: Number(row.won),
    lost: Number(row.lost),
  };
}
