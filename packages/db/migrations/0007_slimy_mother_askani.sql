ALTER TABLE "activities" DROP CONSTRAINT "activities_lead_id_leads_id_fk";
