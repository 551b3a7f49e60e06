/**
 * A DOM for Observable Plot outside a browser: one shared linkedom document,
 * and {@link render}, which runs `Plot.plot` against it and returns the SVG.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** The few DOM members partsflow uses (the project type-checks without the DOM lib). */
export interface SvgNode {
  /** Element name, e.g. "svg". */
  readonly tagName: string;
  /** Markup of the children. */
  readonly innerHTML: string;
  /** Markup of the element itself. */
  readonly outerHTML: string;
  /** An attribute's value, or null. */
  getAttribute(name: string): string | null;
  /** Sets an attribute. */
  setAttribute(name: string, value: string): void;
}

/** A linkedom document (typed loosely: the DOM lib is not loaded). */
export type PlotDocument = { createElementNS(ns: string, name: string): unknown };

let shared: PlotDocument | null = null;

/** The linkedom document every chart is drawn in (created on first use). */
export function plotDocument(): PlotDocument {
  if (!shared) {
    const win = parseHTML("<!doctype html><html><head></head><body></body></html>") as unknown as {
      document: PlotDocument;
    };
    shared = win.document;
  }
  return shared;
}

/** Font stack of every chart (the renderer picks the first it has). */
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";

/** A rendered Plot chart: its SVG element and the scales Plot exposes on it. */
export type PlotSvg = SvgNode & {
  /** Plot's scale accessor (e.g. `scale("color")` → domain and range). */
  scale?: (name: string) =>
    | {
      type?: string;
      domain?: unknown[];
      range?: unknown[];
      apply?: (v: unknown) => string;
    }
    | undefined;
  /** Plot's legend factory for a scale of this chart (an SVG for ramps). */
  legend?: (name: string, options?: Record<string, unknown>) => SvgNode | undefined;
};

/**
 * Renders Plot options to an SVG element. Plot's own title, subtitle, caption
 * and legends wrap the SVG in an HTML `<figure>`; those belong to
 * {@link import("./figure.ts").figure} instead, so they are refused here.
 */
export function render(options: Plot.PlotOptions): PlotSvg {
  for (const k of ["title", "subtitle", "caption"] as const) {
    if (options[k] !== undefined) {
      throw new Error(`render: put '${k}' in figure(), not in the Plot options`);
    }
  }
  const el = Plot.plot({
    ...options,
    document: plotDocument(),
  } as Plot.PlotOptions) as unknown as SvgNode;
  if (el.tagName.toLowerCase() !== "svg") {
    throw new Error(
      "render: Plot returned a <figure> (a legend: true option?); draw legends with figure({ legend })",
    );
  }
  el.setAttribute("font-size", "11");
  el.setAttribute("font-family", FONT_FAMILY);
  return el as unknown as PlotSvg;
}
