/**
 * Plot helpers for notebooks: Observable Plot drawn in a linkedom DOM, framed
 * as self-contained SVG figures (title, what to see, legend, caption) that
 * display inline in Deno's Jupyter kernel.
 *
 * ```ts
 * import { lineChart } from "../lib/plot/mod.ts";
 * lineChart(rows, {
 *   title: "FX rates", subtitle: "The euro drifts against the dollar.",
 *   x: { field: "date", label: "Date" },
 *   y: { field: "rate", label: "Rate", unit: "USD per unit" },
 *   series: "currency",
 * });
 * ```
 *
 * @module
 */

export {
  FONT_FAMILY,
  type PlotDocument,
  plotDocument,
  type PlotSvg,
  render,
  type SvgNode,
} from "./dom.ts";
export {
  escapeXml,
  Figure,
  figure,
  type FigureText,
  show,
  type Showable,
  wrapText,
} from "./figure.ts";
export {
  axisLabel,
  barChart,
  type BarChartOptions,
  type ChartEvent,
  type ChartOptions,
  type Colors,
  type Dimension,
  heatmap,
  type HeatmapOptions,
  lineChart,
  type LineChartOptions,
  type Measure,
  PALETTE,
  paretoChart,
  type ParetoOptions,
  paretoPoints,
  records,
  type Rows,
  scatterChart,
  type ScatterChartOptions,
} from "./charts.ts";
export { saveSvg, slug, svgToPng } from "./save.ts";
export { toArrow } from "./arrow.ts";
