import { minutesText } from './period.js';
import type { Spread, TurnaroundGroup } from './models.js';

const cell = (s: Spread) => (
  <>
    {minutesText(s.median)} <span className="muted">/ {minutesText(s.p90)}</span>
  </>
);

export function TatTable({ groups, groupLabel }: { groups: TurnaroundGroup[]; groupLabel: string }) {
  return (
    <div className="table-wrap">
      <table className="table tat-table" data-testid="tat-table">
        <caption className="sr-only">Turnaround in minutes: median / 90th percentile</caption>
        <thead>
          <tr>
            <th scope="col">{groupLabel}</th>
            <th scope="col" className="num">Orders</th>
            <th scope="col">Order → collect</th>
            <th scope="col">Collect → receive</th>
            <th scope="col">Receive → result</th>
            <th scope="col">Order → result</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key} data-testid="tat-row">
              <th scope="row">{g.key}</th>
              <td className="num">{g.orders}</td>
              <td>{cell(g.orderToCollect)}</td>
              <td>{cell(g.collectToReceive)}</td>
              <td>{cell(g.receiveToResult)}</td>
              <td>{cell(g.orderToResult)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
