import { useEffect, useRef } from 'preact/hooks';

/** One UTC day of GET /api/campaigns/:id/analytics/daily. */
export interface DailyPoint {
  date: string;
  sent: number;
  opened: number;
  clicked: number;
  replied: number;
  bounced: number;
  unsubscribed: number;
}

// Distinct dash patterns as well as colours: the lines are told apart without colour.
const SERIES = [
  { key: 'sent', label: 'Sent', stroke: '#1d4ed8', dash: [] },
  { key: 'opened', label: 'Opened', stroke: '#047857', dash: [6, 3] },
  { key: 'clicked', label: 'Clicked', stroke: '#b45309', dash: [2, 2] },
  { key: 'replied', label: 'Replied', stroke: '#7c3aed', dash: [10, 3, 2, 3] },
] as const;

/** The daily trend as a uPlot line chart (its CSS comes from uPlot's file: no inline styles under our CSP). */
export function Trend({ points }: { points: DailyPoint[] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let plot: { destroy(): void } | undefined;
    let gone = false;
    // uPlot is loaded with the first chart (its CSS is in the main stylesheet): not on the first paint's path.
    void import('uplot').then(({ default: uPlot }) => {
      if (gone || !el.current) return;
      const xs = points.map((p) => Date.parse(`${p.date}T00:00:00Z`) / 1000);
      plot = new uPlot(
        {
          width: Math.min(900, el.current.clientWidth || 700),
          height: 260,
          // Days are UTC days (the API's); show them as such whatever the browser's zone.
          tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
          series: [
            {},
            ...SERIES.map((s) => ({ label: s.label, stroke: s.stroke, dash: [...s.dash], width: 2 })),
          ],
          axes: [{}, { label: 'events' }],
        },
        [xs, ...SERIES.map((s) => points.map((p) => p[s.key]))],
        el.current,
      );
    });
    return () => {
      gone = true;
      plot?.destroy();
    };
  }, [points]);
  const total = points.reduce((n, p) => n + p.sent, 0);
  return (
    <figure>
      <div
        ref={el}
        role="img"
        aria-label={`Daily events for the last ${points.length} days: ${total} e-mails sent`}
      />
      <figcaption class="hint">
        Table view: the per-step table above; days without events are zero.
      </figcaption>
    </figure>
  );
}
