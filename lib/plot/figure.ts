/**
 * Figures: a Plot chart framed as one self-contained SVG with a title, a
 * sentence saying what to see, an optional colour legend and a caption — so
 * the same file reads well in Jupyter, on a code host, on the Hub and as a PNG
 * (`rsvg-convert`). A {@link Figure} displays itself in Deno's Jupyter kernel.
 *
 * @module
 */

import { FONT_FAMILY, type PlotSvg, type SvgNode } from "./dom.ts";

/** Text colour of titles and axes (near-black, readable on the white background). */
export const INK = "#1f2328";
/** Text colour of the subtitle. */
export const INK_SOFT = "#4b5563";
/** Text colour of captions. */
export const INK_FAINT = "#6b7280";

/** A finished chart: standalone SVG markup plus its size. */
export class Figure {
  /** The whole figure as SVG markup (with `xmlns`, ready to save or display). */
  readonly svg: string;
  /** Width in px. */
  readonly width: number;
  /** Height in px. */
  readonly height: number;
  /** The title, for file names and alt text. */
  readonly title: string;

  /** Wraps finished SVG markup. */
  constructor(svg: string, width: number, height: number, title: string) {
    this.svg = svg;
    this.width = width;
    this.height = height;
    this.title = title;
  }

  /** What Deno's Jupyter kernel shows for this value: the SVG itself. */
  [Symbol.for("Jupyter.display")](): Record<string, string> {
    return { "image/svg+xml": this.svg };
  }

  /** The SVG markup. */
  toString(): string {
    return this.svg;
  }
}

/** The words around a chart. */
export interface FigureText {
  /** Title: what the chart is, in a few words. */
  title: string;
  /** One or two sentences: what to see in it (why it matters). */
  subtitle: string;
  /** Small print under the chart: source, units, notes. */
  caption?: string;
  /**
   * A swatch legend of the chart's colour scale; a string gives it a label
   * (e.g. "Brand type"). Only for categorical colour scales.
   */
  legend?: boolean | string;
}

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Rough width of text in px (no font metrics here): ~0.58 em per character. */
export function textWidth(s: string, fontSize: number): number {
  return s.length * fontSize * 0.58;
}

/** Greedy word wrap to lines of at most `width` px (estimated). */
export function wrapText(s: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  for (const para of s.split("\n")) {
    let line = "";
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && textWidth(next, fontSize) > width) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

const PAD = 12;

function textBlock(
  lines: string[],
  x: number,
  y: number,
  size: number,
  lineHeight: number,
  attrs: string,
): string {
  const spans = lines.map((l, i) =>
    `<tspan x="${x}" ${i === 0 ? `y="${y}"` : `dy="${lineHeight}"`}>${escapeXml(l)}</tspan>`
  ).join("");
  return `<text font-size="${size}" ${attrs}>${spans}</text>`;
}

let gradients = 0;

/** A continuous colour legend: a gradient bar with the domain's ends and middle. */
function ramp(
  scale: NonNullable<ReturnType<NonNullable<PlotSvg["scale"]>>>,
  label: string | undefined,
  y: number,
): { markup: string; height: number } {
  const apply = scale.apply;
  const [lo, hi] = (scale.domain ?? [0, 1]).map(Number);
  if (!apply || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new Error("figure: cannot draw a legend for this colour scale");
  }
  const id = `pf-ramp-${++gradients}-${Math.random().toString(36).slice(2, 8)}`;
  const stops = Array.from({ length: 11 }, (_, i) => {
    const v = lo + ((hi - lo) * i) / 10;
    return `<stop offset="${i * 10}%" stop-color="${apply(v)}"/>`;
  }).join("");
  const w = 240;
  let x = PAD;
  const parts: string[] = [];
  if (label) {
    parts.push(
      `<text x="${x}" y="${y + 9.5}" font-size="11" font-weight="600" fill="${INK}">${
        escapeXml(label)
      }</text>`,
    );
    x += textWidth(label, 11) * 1.2 + 10;
  }
  const nice = (v: number) => Number.isInteger(v) ? String(v) : v.toPrecision(3);
  parts.push(
    `<defs><linearGradient id="${id}">${stops}</linearGradient></defs>`,
    `<rect x="${x}" y="${y}" width="${w}" height="11" fill="url(#${id})"/>`,
    `<text x="${x}" y="${y + 23}" font-size="10" fill="${INK}">${nice(lo)}</text>`,
    `<text x="${x + w / 2}" y="${y + 23}" font-size="10" fill="${INK}" text-anchor="middle">${
      nice((lo + hi) / 2)
    }</text>`,
    `<text x="${x + w}" y="${y + 23}" font-size="10" fill="${INK}" text-anchor="end">${
      nice(hi)
    }</text>`,
  );
  return { markup: `<g text-anchor="start">${parts.join("")}</g>`, height: 28 };
}

/** A legend of the chart's colour scale: swatches (categorical) or a ramp (continuous). */
function legendOf(
  svg: PlotSvg,
  label: string | undefined,
  width: number,
  y: number,
): { markup: string; height: number } {
  const scale = svg.scale?.("color");
  if (!scale || !scale.domain) {
    throw new Error("figure: legend asked for, but the chart has no colour scale");
  }
  if (scale.type !== "ordinal" && scale.type !== "categorical") {
    return ramp(scale, label, y);
  }
  const domain = scale.domain.map(String);
  const range = (scale.range ?? []).map(String);
  const size = 11;
  const rowH = 17;
  let x = PAD;
  let row = 0;
  const parts: string[] = [];
  if (label) {
    parts.push(
      `<text x="${x}" y="${y + 9.5}" font-size="${size}" font-weight="600" fill="${INK}">${
        escapeXml(label)
      }</text>`,
    );
    x += textWidth(label, size) * 1.2 + 10;
  }
  domain.forEach((d: string, i: number) => {
    const w = 11 + 5 + textWidth(d, size) + 14;
    if (x + w > width - PAD && x > PAD) {
      row++;
      x = PAD;
    }
    const yy = y + row * rowH;
    parts.push(
      `<rect x="${x}" y="${yy}" width="11" height="11" rx="2" fill="${range[i % range.length]}"/>`,
      `<text x="${x + 16}" y="${yy + 9.5}" font-size="${size}" fill="${INK}">${
        escapeXml(d)
      }</text>`,
    );
    x += w;
  });
  return { markup: `<g text-anchor="start">${parts.join("")}</g>`, height: (row + 1) * rowH };
}

/** Frames a rendered Plot chart (see {@link import("./dom.ts").render}) as a {@link Figure}. */
export function figure(svg: PlotSvg, text: FigureText): Figure {
  if (!text.title?.trim()) throw new Error("figure: every chart needs a title");
  if (!text.subtitle?.trim()) {
    throw new Error("figure: every chart needs a subtitle saying what to see");
  }
  const width = Number(svg.getAttribute("width") ?? 640);
  const plotH = Number(svg.getAttribute("height") ?? 400);
  const inner = width - 2 * PAD;
  const parts: string[] = [];
  let y = PAD + 16;
  parts.push(
    `<text x="${PAD}" y="${y}" font-size="17" font-weight="700" fill="${INK}">${
      escapeXml(text.title)
    }</text>`,
  );
  y += 8;
  const sub = wrapText(text.subtitle, inner, 13);
  parts.push(textBlock(sub, PAD, y + 13, 13, 17, `fill="${INK_SOFT}"`));
  y += 13 + 17 * (sub.length - 1) + 10;
  if (text.legend) {
    const lg = legendOf(svg, typeof text.legend === "string" ? text.legend : undefined, width, y);
    parts.push(lg.markup);
    y += lg.height + 4;
  }
  // Plot's own root attributes move to a group so the figure stays one flat SVG.
  const keep = ["class", "fill", "font-family", "font-size", "text-anchor"];
  const attrs = keep.map((k) =>
    svg.getAttribute(k) === null ? "" : `${k}="${escapeXml(svg.getAttribute(k)!)}"`
  )
    .filter(Boolean).join(" ");
  parts.push(`<g transform="translate(0,${y})" ${attrs}>${svg.innerHTML}</g>`);
  y += plotH;
  if (text.caption) {
    const cap = wrapText(text.caption, inner, 11);
    parts.push(textBlock(cap, PAD, y + 14, 11, 14, `fill="${INK_FAINT}"`));
    y += 14 + 14 * (cap.length - 1) + 4;
  }
  const height = Math.ceil(y + PAD);
  const out = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT_FAMILY)}" ` +
    `color="${INK}" style="color:${INK};background:#ffffff" text-anchor="start" role="img" ` +
    `aria-label="${escapeXml(text.title)}">` +
    `<title>${escapeXml(text.title)}</title>` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
    parts.join("") + `</svg>`;
  return new Figure(out, width, height, text.title);
}

/** Anything {@link show} can display. */
export type Showable = Figure | PlotSvg | SvgNode | string;

/**
 * A value Deno's Jupyter kernel displays as an image: a {@link Figure}, a bare
 * Plot SVG element, or SVG markup. (A Figure displays itself; this is for the rest.)
 */
export function show(x: Showable): { [k: symbol]: () => Record<string, string> } {
  const svg = x instanceof Figure
    ? x.svg
    : typeof x === "string"
    ? x
    : withXmlns((x as SvgNode).outerHTML);
  return { [Symbol.for("Jupyter.display")]: () => ({ "image/svg+xml": svg }) };
}

function withXmlns(markup: string): string {
  return /^<svg[^>]*xmlns=/.test(markup)
    ? markup
    : markup.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
}
