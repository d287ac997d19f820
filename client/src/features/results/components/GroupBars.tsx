import { useEffect, useRef } from 'react';
import { Chart } from '../../../lib/chart';

/** Overall and per-group values side by side, as horizontal bars (Chart.js registered once in lib/chart). */
export function GroupBars(props: {
  labels: string[];
  values: (number | null)[];
  max?: number;
  unit?: string;
  ariaLabel: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);
  const { labels, values, max, unit, ariaLabel } = props;
  // Polling hands new arrays every few seconds: redraw only when the figures really change.
  const key = JSON.stringify([labels, values, max, unit]);
  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels,
        datasets: [
          {
            data: values,
            backgroundColor: labels.map((_, i) => (i === 0 ? '#1f6f5c' : '#7fb8a9')),
            borderRadius: 4,
            barThickness: 16,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (c) => `${c.formattedValue}${unit ? `\u202f${unit}` : ''}` } },
        },
        scales: { x: { min: 0, max, ticks: { callback: (v) => `${v}${unit === '%' ? '\u202f%' : ''}` } } },
      },
    });
    return () => chart.current?.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return (
    <div className="bars" style={{ height: `${labels.length * 28 + 36}px` }}>
      <canvas ref={canvas} role="img" aria-label={ariaLabel} />
    </div>
  );
}
