import { DateTime } from 'luxon';
import { formatMetric } from '../metrics/format';
import type { LedgerCounts } from './demo-queries';

/** The demo's one live line: simulated day and time, then the funnel so far. No personal data. */
export function statusLine(at: number, timeZone: string, contacts: number, counts: LedgerCounts): string {
  const clock = DateTime.fromMillis(at, { zone: timeZone }).toFormat('ccc d LLL HH:mm ZZZZ');
  const won = counts.won === 0 ? 'won 0' : `won ${counts.won} (${formatMetric('mql_revenue', counts.wonAmount)})`;
  return [
    clock,
    `contacts ${contacts}`,
    `MQLs ${counts.mqls}`,
    `handed off ${counts.handedOff}`,
    `accepted ${counts.accepted}`,
    `rejected ${counts.rejected}`,
    `breached ${counts.breached}`,
    won,
  ].join(' · ');
}
