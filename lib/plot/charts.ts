/**
 * Chart helpers for the shapes notebooks need again and again — a line over
 * time, bars by category, a scatter, a heatmap, a Pareto curve — with one
 * look: titled, with a sentence saying what to see, and value axes that carry
 * their unit. Each takes rows (or a Polars DataFrame) and returns a
 * {@link Figure}. For anything else, build Plot options and call
 * {@link render} + {@link figure} yourself.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import type pl from "nodejs-polars";
import { render } from "./dom.ts";
import { type Figure, figure, type FigureText, textWidth } from "./figure.ts";

/** Rows to plot: plain records or a Polars DataFrame. */
export type Rows = readonly Record<string, unknown>[] | pl.DataFrame;

/** A quantitative axis: which field, what it is, in which unit. */
export interface Measure {
  /** Field of each row. */
  field: string;
  /** What the number is, e.g. "Revenue". */
  label: string;
  /** Its unit, e.g. "USD", "units", "%", "index, Jan 2023 = 100". Required: every value axis has one. */
  unit: string;
}

/** A categorical (or time) axis. */
export interface Dimension {
  /** Field of each row. */
  field: string;
  /** Axis label. */
  label: string;
}

/** Colours for a series field. */
export interface Colors {
  /** Series values, in legend order. */
  domain: string[];
  /** One colour per value. */
  range: string[];
}

/** What every chart helper takes besides its data. */
export interface ChartOptions extends FigureText {
  /** Width in px (default 720). */
  width?: number;
  /** Height of the plot area's SVG in px. */
  height?: number;
  /** Colours of the series (default: Tableau 10 in order of appearance). */
  colors?: Colors;
  /** Extra Plot marks drawn on top (rules, annotations). */
  marks?: Plot.Markish[];
}

/** Default categorical palette (Tableau 10: distinct, readable on white). */
export const PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
];

/** Plain records from rows: bigints become numbers, so Plot can scale them. */
export function records(data: Rows): Record<string, unknown>[] {
  const rows = Array.isArray(data)
    ? data as Record<string, unknown>[]
    : (data as pl.DataFrame).toRecords() as Record<string, unknown>[];
  return rows.map((r) => {
    let copy: Record<string, unknown> | null = null;
    for (const [k, v] of Object.entries(r)) {
      if (typeof v === "bigint") (copy ??= { ...r })[k] = Number(v);
    }
    return copy ?? r;
  });
}

/** "Label (unit)". */
export function axisLabel(m: Measure): string {
  if (!m.unit?.trim()) throw new Error(`axis '${m.label}' needs a unit`);
  return `${m.label} (${m.unit})`;
}

function colorScale(rows: Record<string, unknown>[], field: string | undefined, c?: Colors) {
  if (!field) return undefined;
  if (c) return { type: "ordinal" as const, domain: c.domain, range: c.range };
  const domain = [...new Set(rows.map((r) => String(r[field])))];
  return { type: "ordinal" as const, domain, range: PALETTE };
}

function leftMargin(labels: unknown[], min = 48): number {
  const longest = Math.max(0, ...labels.map((l) => textWidth(String(l), 11)));
  return Math.max(min, Math.ceil(longest + 30));
}

/** A moment to mark on a time axis. */
export interface ChartEvent {
  /** Where on x (a date, or a category of an ordinal x). */
  at: Date | string | number;
  /** A short label drawn beside the rule. */
  label: string;
}

/** Options of {@link lineChart}. */
export interface LineChartOptions extends ChartOptions {
  /** The time (or ordered) field on x; `order` fixes the order of a categorical x (e.g. month names). */
  x: Dimension & { order?: string[] };
  /** Vertical rules with a label at moments worth pointing out (a price shock, a launch). */
  events?: ChartEvent[];
  /** The value on y. */
  y: Measure;
  /** Field splitting the rows into one line per value (coloured, with a legend). */
  series?: string;
  /** Include zero on the y axis (default true). */
  zero?: boolean;
  /** Draw a dot at each point (default: when fewer than 60 points per line). */
  points?: boolean;
  /** y tick format (d3-format string, e.g. ",.0f"). */
  yFormat?: string;
  /** Line interpolation: "linear" (default), "step-after" for prices that hold until they change, … */
  curve?: "linear" | "step-after" | "step-before" | "step" | "monotone-x";
}

/** A line (or one line per series) over time. */
export function lineChart(data: Rows, o: LineChartOptions): Figure {
  const rows = records(data);
  const color = colorScale(rows, o.series, o.colors);
  const nSeries = o.series ? new Set(rows.map((r) => r[o.series!])).size : 1;
  const points = o.points ?? rows.length / nSeries < 60;
  const z = o.series;
  const stroke = o.series ?? PALETTE[0];
  const marks: Plot.Markish[] = [
    o.zero === false ? null : Plot.ruleY([0], { stroke: "#9ca3af" }),
    Plot.lineY(rows, {
      x: o.x.field,
      y: o.y.field,
      z,
      stroke,
      strokeWidth: 1.8,
      curve: o.curve ?? "linear",
    }),
    points ? Plot.dot(rows, { x: o.x.field, y: o.y.field, fill: stroke, r: 2.5 }) : null,
    ...(o.events ?? []).flatMap((e) => [
      Plot.ruleX([e.at], { stroke: "#6b7280", strokeDasharray: "4 3" }),
      Plot.text([e], {
        x: "at",
        frameAnchor: "bottom",
        text: "label",
        textAnchor: "start",
        dx: 4,
        dy: -6,
        fill: "#374151",
        stroke: "white",
        strokeWidth: 3,
        paintOrder: "stroke",
      }),
    ]),
    ...(o.marks ?? []),
  ];
  const svg = render({
    width: o.width ?? 720,
    height: o.height ?? 340,
    marginLeft: 56,
    marginRight: 20,
    x: { label: o.x.label, ...(o.x.order ? { domain: o.x.order, type: "point" as const } : {}) },
    y: { label: axisLabel(o.y), grid: true, zero: o.zero !== false, tickFormat: o.yFormat },
    color,
    marks,
  });
  return figure(svg, { ...o, legend: o.legend ?? (o.series ? true : undefined) });
}

/** Options of {@link barChart}. */
export interface BarChartOptions extends ChartOptions {
  /** The categories. */
  category: Dimension;
  /** The bar length. */
  value: Measure;
  /** Field splitting each bar by a series (coloured, with a legend): grouped side by side, or stacked. */
  series?: string;
  /** Stack the series in one bar per category instead of grouping them (default false). */
  stack?: boolean;
  /** Horizontal bars (default: true, long labels read better). */
  horizontal?: boolean;
  /** Category order: "value" (largest first, default), "data" (as given) or an explicit list. */
  order?: "value" | "data" | string[];
  /** Bars start at this value instead of 0 (e.g. 1 for an index: bars show the deviation). */
  baseline?: number;
  /** Print each bar's value at its end, formatted by this function; omit for none. */
  labels?: (v: number) => string;
  /** Value tick format (d3-format string, e.g. ",.0f"). */
  valueFormat?: string;
}

/** Value-axis options: whole-number ticks when every value is a small whole number. */
function valueAxisOf(rows: Record<string, unknown>[], m: Measure, format?: string) {
  const vals = rows.map((r) => Number(r[m.field]));
  const max = Math.max(0, ...vals);
  const whole = vals.every(Number.isInteger) && max <= 12;
  return {
    label: axisLabel(m),
    grid: true,
    tickFormat: format ?? (whole ? "d" : undefined),
    ticks: whole ? Math.max(1, Math.ceil(max)) : undefined,
  };
}

/** Bars by category — one bar each, or split by a series (grouped or stacked). */
export function barChart(data: Rows, o: BarChartOptions): Figure {
  const rows = records(data).map((r) => ({
    ...r,
    [o.category.field]: String(r[o.category.field]),
    ...(o.series ? { [o.series]: String(r[o.series]) } : {}),
  }));
  const horizontal = o.horizontal ?? true;
  const cat = o.category.field;
  const val = o.value.field;
  const base = o.baseline ?? 0;
  let domain: string[];
  if (Array.isArray(o.order)) domain = o.order.map(String);
  else {
    const totals = new Map<string, number>();
    for (const r of rows) {
      const k = r[cat] as string;
      totals.set(k, (totals.get(k) ?? 0) + Number(r[val]));
    }
    domain = [...totals.keys()];
    if ((o.order ?? "value") === "value") domain.sort((a, b) => totals.get(b)! - totals.get(a)!);
  }
  const color = colorScale(rows, o.series, o.colors);
  const fill = o.series ?? PALETTE[0];
  const grouped = !!o.series && !o.stack;
  const seriesDomain = o.series ? color!.domain : undefined;
  const nSeries = grouped ? seriesDomain!.length : 1;
  // Stacked labels show each category's total at the end of its bar.
  const labelRows = o.labels && o.stack && o.series
    ? domain.map((k) => ({
      [cat]: k,
      [val]: rows.filter((r) => r[cat] === k).reduce((a, r) => a + Number(r[val]), 0),
    }))
    : rows;
  const labelText = (d: Record<string, unknown>) => o.labels!(Number(d[val]));
  const valueAxis: Record<string, unknown> = valueAxisOf(
    o.stack ? labelRowsTotals(rows, cat, val) : rows,
    o.value,
    o.valueFormat,
  );
  if (base) {
    // Room on both sides of the baseline for the bars' value labels.
    const vals = rows.map((r) => Number(r[val]));
    const lo = Math.min(base, ...vals);
    const hi = Math.max(base, ...vals);
    const pad = (hi - lo) * (o.labels ? 0.14 : 0.04);
    valueAxis.domain = [lo - (lo < base ? pad : 0), hi + (hi > base ? pad : 0)];
  }
  const span = (d: Record<string, unknown>) => Number(d[val]);
  let svg;
  if (horizontal) {
    const band = grouped ? 13 : 22;
    const height = o.height ?? Math.max(150, 70 + domain.length * (nSeries * band + 8));
    const bar = o.stack || !o.series
      ? Plot.barX(rows, {
        y: cat,
        ...(base ? { x1: base, x2: span } : { x: val }),
        fill,
      })
      : Plot.barX(rows, {
        y: o.series,
        fy: cat,
        ...(base ? { x1: base, x2: span } : { x: val }),
        fill,
      });
    svg = render({
      width: o.width ?? 720,
      height,
      marginLeft: leftMargin(domain),
      marginRight: o.labels ? 56 : 24,
      x: valueAxis,
      y: grouped ? { axis: null, domain: seriesDomain } : { label: o.category.label, domain },
      fy: grouped ? { label: o.category.label, domain, padding: 0.15 } : undefined,
      color,
      marks: [
        bar,
        Plot.ruleX([base], { stroke: "#6b7280" }),
        ...(o.labels
          ? [true, false].map((right) =>
            Plot.text(labelRows.filter((d) => (Number(d[val]) >= base) === right), {
              y: grouped ? o.series : cat,
              fy: grouped ? cat : undefined,
              x: val,
              text: labelText,
              textAnchor: right ? "start" : "end",
              dx: right ? 4 : -4,
              fill: "#374151",
            })
          )
          : []),
        ...(o.marks ?? []),
      ],
    });
  } else {
    const long = Math.max(...domain.map((d) => d.length));
    const perBand = ((o.width ?? 720) - 80) / domain.length;
    const rotate = long * 6.5 > perBand;
    const bar = o.stack || !o.series
      ? Plot.barY(rows, { x: cat, ...(base ? { y1: base, y2: span } : { y: val }), fill })
      : Plot.barY(rows, {
        x: o.series,
        fx: cat,
        ...(base ? { y1: base, y2: span } : { y: val }),
        fill,
      });
    svg = render({
      width: o.width ?? 720,
      height: o.height ?? 340,
      marginLeft: 60,
      marginBottom: rotate ? Math.min(110, 20 + long * 6) : 40,
      marginTop: o.labels ? 26 : 20,
      x: grouped
        ? { axis: null, domain: seriesDomain }
        : { label: o.category.label, domain, tickRotate: rotate ? -35 : 0 },
      fx: grouped
        ? { label: o.category.label, domain, padding: 0.12, tickRotate: rotate ? -35 : 0 }
        : undefined,
      y: valueAxis,
      color,
      marks: [
        bar,
        Plot.ruleY([base], { stroke: "#6b7280" }),
        o.labels
          ? Plot.text(labelRows, {
            x: grouped ? o.series : cat,
            fx: grouped ? cat : undefined,
            y: val,
            text: labelText,
            dy: -7,
            fill: "#374151",
          })
          : null,
        ...(o.marks ?? []),
      ],
    });
  }
  return figure(svg, { ...o, legend: o.legend ?? (o.series ? true : undefined) });
}

function labelRowsTotals(rows: Record<string, unknown>[], cat: string, val: string) {
  const totals = new Map<unknown, number>();
  for (const r of rows) totals.set(r[cat], (totals.get(r[cat]) ?? 0) + Number(r[val]));
  return [...totals.values()].map((v) => ({ [val]: v }));
}

/** Options of {@link scatterChart}. */
export interface ScatterChartOptions extends ChartOptions {
  /** The value on x. */
  x: Measure;
  /** The value on y. */
  y: Measure;
  /** Field colouring the dots (with a legend). */
  series?: string;
  /** Field printed beside each dot. */
  label?: string;
  /** Dot radius in px, or a field to size dots by. */
  r?: number | string;
  /** Draw the diagonal y = x (for comparisons of like with like). */
  diagonal?: boolean;
}

/** Dots on two quantitative axes. */
export function scatterChart(data: Rows, o: ScatterChartOptions): Figure {
  const rows = records(data);
  const color = colorScale(rows, o.series, o.colors);
  const fill = o.series ?? PALETTE[0];
  const xs = rows.map((r) => Number(r[o.x.field]));
  const ys = rows.map((r) => Number(r[o.y.field]));
  const lo = Math.min(...xs, ...ys);
  const hi = Math.max(...xs, ...ys);
  const svg = render({
    width: o.width ?? 720,
    height: o.height ?? 400,
    marginLeft: 56,
    marginRight: o.label ? 60 : 20,
    x: { label: axisLabel(o.x), grid: true },
    y: { label: axisLabel(o.y), grid: true },
    color,
    r: typeof o.r === "string" ? { range: [2, 12] } : undefined,
    marks: [
      o.diagonal
        ? Plot.line([[lo, lo], [hi, hi]], { stroke: "#9ca3af", strokeDasharray: "4 3" })
        : null,
      Plot.dot(rows, {
        x: o.x.field,
        y: o.y.field,
        fill,
        fillOpacity: 0.8,
        stroke: "white",
        r: o.r ?? 4,
      }),
      o.label
        ? Plot.text(rows, {
          x: o.x.field,
          y: o.y.field,
          text: o.label,
          dx: 7,
          textAnchor: "start",
          fill: "#374151",
          fontSize: 10,
        })
        : null,
      ...(o.marks ?? []),
    ],
  });
  return figure(svg, { ...o, legend: o.legend ?? (o.series ? true : undefined) });
}

/** Options of {@link heatmap}. */
export interface HeatmapOptions extends ChartOptions {
  /** Columns. */
  x: Dimension & { order?: string[] };
  /** Rows. */
  y: Dimension & { order?: string[] };
  /** Cell colour. */
  fill: Measure;
  /** Colour scheme (d3 name, default "blues"). */
  scheme?: string;
  /** Print each cell's value, formatted by this function. */
  cellFormat?: (v: number) => string;
  /** Label only these columns (e.g. every third month when there are many). */
  xTicks?: string[];
  /** Rotate the column labels by this angle in degrees (e.g. -45). */
  xTickRotate?: number;
}

/** A grid of cells coloured by a value (e.g. weekday × month). */
export function heatmap(data: Rows, o: HeatmapOptions): Figure {
  const rows = records(data);
  const xDomain = o.x.order ?? [...new Set(rows.map((r) => String(r[o.x.field])))];
  const yDomain = o.y.order ?? [...new Set(rows.map((r) => String(r[o.y.field])))];
  const vals = rows.map((r) => Number(r[o.fill.field]));
  const mid = (Math.min(...vals) + Math.max(...vals)) / 2;
  const svg = render({
    width: o.width ?? 720,
    height: o.height ?? Math.max(160, 50 + yDomain.length * 30) + (o.xTickRotate ? 30 : 0),
    marginBottom: o.xTickRotate ? 60 : undefined,
    marginLeft: leftMargin(yDomain),
    x: { label: o.x.label, domain: xDomain, ticks: o.xTicks, tickRotate: o.xTickRotate },
    y: { label: o.y.label, domain: yDomain },
    color: {
      type: "linear",
      scheme: (o.scheme ?? "blues") as Plot.ColorScheme,
      label: axisLabel(o.fill),
    },
    marks: [
      Plot.cell(rows, {
        x: (d) => String(d[o.x.field]),
        y: (d) => String(d[o.y.field]),
        fill: o.fill.field,
        inset: 0.5,
      }),
      o.cellFormat
        ? Plot.text(rows, {
          x: (d) => String(d[o.x.field]),
          y: (d) => String(d[o.y.field]),
          text: (d: Record<string, unknown>) => o.cellFormat!(Number(d[o.fill.field])),
          fill: (d: Record<string, unknown>) => Number(d[o.fill.field]) > mid ? "white" : "#111827",
          fontSize: 10,
        })
        : null,
      ...(o.marks ?? []),
    ],
  });
  return figure(svg, { ...o, legend: o.legend ?? axisLabel(o.fill) });
}

/** Options of {@link paretoChart}. */
export interface ParetoOptions extends FigureText {
  /** The value each item carries (e.g. revenue per SKU). */
  value: Measure;
  /** What the items are, plural (e.g. "SKUs"). */
  items: string;
  /** Share of items to mark (default 20 %). */
  mark?: number;
  /** Width in px. */
  width?: number;
  /** Height in px. */
  height?: number;
}

/** The Pareto (concentration) curve: sorted largest first, cumulative share of value vs share of items. */
export function paretoPoints(
  data: Rows,
  field: string,
): { itemShare: number; valueShare: number }[] {
  const vals = records(data).map((r) => Math.max(0, Number(r[field]))).sort((a, b) => b - a);
  const total = vals.reduce((a, b) => a + b, 0) || 1;
  const out = [{ itemShare: 0, valueShare: 0 }];
  let cum = 0;
  vals.forEach((v, i) => {
    cum += v;
    out.push({ itemShare: (100 * (i + 1)) / vals.length, valueShare: (100 * cum) / total });
  });
  return out;
}

/** A Pareto curve: what share of the value the top x % of items carry. */
export function paretoChart(data: Rows, o: ParetoOptions): Figure {
  const pts = paretoPoints(data, o.value.field);
  const at = o.mark ?? 20;
  const hit = pts.find((p) => p.itemShare >= at) ?? pts[pts.length - 1];
  const svg = render({
    width: o.width ?? 720,
    height: o.height ?? 360,
    marginLeft: 56,
    x: { label: `Share of ${o.items}, largest first (%)`, domain: [0, 100], grid: true },
    y: {
      label: `Cumulative share of ${o.value.label.toLowerCase()} (%)`,
      domain: [0, 100],
      grid: true,
    },
    marks: [
      Plot.line([[0, 0], [100, 100]], { stroke: "#9ca3af", strokeDasharray: "4 3" }),
      Plot.areaY(pts, { x: "itemShare", y: "valueShare", fill: PALETTE[0], fillOpacity: 0.12 }),
      Plot.lineY(pts, { x: "itemShare", y: "valueShare", stroke: PALETTE[0], strokeWidth: 2 }),
      Plot.ruleX([hit.itemShare], { stroke: PALETTE[1], strokeDasharray: "3 3" }),
      Plot.ruleY([hit.valueShare], { stroke: PALETTE[1], strokeDasharray: "3 3" }),
      Plot.dot([hit], { x: "itemShare", y: "valueShare", fill: PALETTE[1], r: 4 }),
      Plot.text([hit], {
        x: "itemShare",
        y: "valueShare",
        text: () =>
          `top ${Math.round(hit.itemShare)} % of ${o.items} → ${
            Math.round(hit.valueShare)
          } % of ${o.value.label.toLowerCase()}`,
        dx: 8,
        dy: 12,
        textAnchor: "start",
        fill: "#374151",
      }),
    ],
  });
  return figure(svg, {
    ...o,
    caption: o.caption ??
      `Dashed diagonal: every item carrying an equal share. Value measured in ${o.value.unit}.`,
  });
}
