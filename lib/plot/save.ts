/**
 * Writes figures to SVG files (and, when `rsvg-convert` is installed, PNG).
 *
 * @module
 */

import { Figure } from "./figure.ts";

/** A file-name slug of a title: lower case, words joined by '-'. */
export function slug(title: string): string {
  return title.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")
    .slice(0, 60) || "figure";
}

/** Writes a figure (or SVG markup) as a standalone `.svg` file; returns the path. */
export async function saveSvg(fig: Figure | string, path: string): Promise<string> {
  const svg = fig instanceof Figure ? fig.svg : fig;
  if (!path.endsWith(".svg")) throw new Error(`saveSvg: ${path} should end in .svg`);
  await Deno.writeTextFile(path, `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`);
  return path;
}

/**
 * Converts an SVG file to PNG with `rsvg-convert` (Debian package
 * `librsvg2-bin`); returns the PNG's path. Throws with the install line when
 * the tool is missing.
 */
export async function svgToPng(
  svgPath: string,
  pngPath = svgPath.replace(/\.svg$/, ".png"),
  zoom = 1.5,
): Promise<string> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("rsvg-convert", {
      args: ["--zoom", String(zoom), "--background-color", "white", "-o", pngPath, svgPath],
      stderr: "piped",
    }).output();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error("rsvg-convert is not installed (apt-get install -y librsvg2-bin)");
    }
    throw e;
  }
  if (!out.success) {
    throw new Error(`rsvg-convert ${svgPath}: ${new TextDecoder().decode(out.stderr).trim()}`);
  }
  return pngPath;
}
