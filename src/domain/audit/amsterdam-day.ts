const HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Minutes Amsterdam is ahead of UTC at this instant (60 in winter, 120 in summer). */
function offsetMinutes(at: Date): number {
  const [h = '0', m = '0'] = HOUR.format(at).split(':');
  const local = Number(h) * 60 + Number(m);
  const utc = at.getUTCHours() * 60 + at.getUTCMinutes();
  return (((local - utc) % 1440) + 1440 + 720) % 1440 - 720;
}

/** The instant a day (YYYY-MM-DD) begins in Amsterdam: what a person means by "from 3 March". */
export function amsterdamDayStart(isoDate: string): Date {
  const utcMidnight = Date.parse(`${isoDate}T00:00:00Z`);
  // The offset at midnight itself (it differs from noon's on the days the clocks change).
  const guess = new Date(utcMidnight - offsetMinutes(new Date(utcMidnight)) * 60_000);
  return new Date(utcMidnight - offsetMinutes(guess) * 60_000);
}
