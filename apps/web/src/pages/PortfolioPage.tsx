import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";
import { QueryState } from "../layout/QueryState";
import { Link } from "../router";

const percent = (value: number | null) => (value === null ? "—" : `${Math.round(value * 100)}%`);
const minutes = (value: number | null) =>
  value === null ? "—" : value < 120 ? `${Math.round(value)} min` : `${(value / 60).toFixed(1)} h`;
const ratio = (value: number | null) => (value === null ? "—" : `${value.toFixed(1)}×`);
const age = (value: number | null) =>
  value === null ? "never synced" : value < 90 ? `${value} min ago` : `${Math.round(value / 60)} h ago`;

/** Every client side by side, worst first: the fractional CRO's morning view. */
export function PortfolioPage() {
  const portfolio = useQuery({
    queryKey: ["portfolio"],
    queryFn: async () => unwrap(await api.GET("/api/v1/portfolio")),
  });
  return (
    <section aria-labelledby="portfolio-title">
      <h1 id="portfolio-title">Portfolio</h1>
      <p className="muted">This week in each client workspace, the one needing attention first.</p>
      <QueryState query={portfolio}>
        {(data) => (
          <table data-testid="portfolio">
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Breaches this week</th>
                <th scope="col">Response time (median)</th>
                <th scope="col">Within SLA</th>
                <th scope="col">Acceptance</th>
                <th scope="col">Coverage</th>
                <th scope="col">Data</th>
                <th scope="col">Your role</th>
              </tr>
            </thead>
            <tbody>
              {data.workspaces.map((entry) => (
                <tr key={entry.workspace} data-testid={`portfolio-${entry.workspace}`}>
                  <th scope="row">
                    <Link to={`/?workspace=${entry.workspace}`}>{entry.name}</Link>
                  </th>
                  <td>{entry.breachesThisWeek}</td>
                  <td>{minutes(entry.responseTimeMedianMinutes)}</td>
                  <td>{percent(entry.responseWithinSlaRate)}</td>
                  <td>{percent(entry.acceptanceRate)}</td>
                  <td>{ratio(entry.coverage)}</td>
                  <td title={entry.missing.join("; ")}>{age(entry.dataFreshness.ageMinutes)}</td>
                  <td>{entry.role}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}
