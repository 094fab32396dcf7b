// A line chart (uPlot, loaded only when a chart is shown). Days on the x axis.
import { useEffect, useRef } from 'preact/hooks';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  values: (number | null)[];
  color: string;
  unit?: string;
}

export function LineChart(props: { days: string[]; series: Series[]; title: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let plot: { destroy: () => void; setSize: (s: { width: number; height: number }) => void } | undefined;
    let gone = false;
    const el = box.current!;
    import('uplot').then(({ default: uPlot }) => {
      if (gone) return;
      const xs = props.days.map((d) => Date.parse(d + 'T00:00:00Z') / 1000);
      plot = new uPlot(
        {
          width: el.clientWidth || 600,
          height: props.height ?? 260,
          scales: { x: { time: true } },
          series: [
            { label: 'Tanggal' },
            ...props.series.map((s) => ({
              label: s.label,
              stroke: s.color,
              width: 2,
              value: (_u: unknown, v: number | null) => (v === null ? '—' : v.toLocaleString('id-ID', { maximumFractionDigits: 2 }) + (s.unit ?? '')),
            })),
          ],
          axes: [{}, { size: 70, values: (_u: unknown, ticks: number[]) => ticks.map((v) => v.toLocaleString('id-ID') + (props.series[0]?.unit ?? '')) }],
        },
        [xs, ...props.series.map((s) => s.values)] as never,
        el,
      );
    });
    const onResize = () => plot?.setSize({ width: el.clientWidth, height: props.height ?? 260 });
    window.addEventListener('resize', onResize);
    return () => {
      gone = true;
      window.removeEventListener('resize', onResize);
      plot?.destroy();
    };
  }, [props.days.join(), props.series.map((s) => s.values.join()).join('|')]);
  return <div ref={box} class="chart" role="img" aria-label={props.title} />;
}
