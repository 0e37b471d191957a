/**
 * Vega-Lite specifications drawn to SVG in Node, without a browser or a canvas (Vega's headless View). Vega
 * is loaded here only, so that the commands which draw no figure start without it.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Report } from './render.js';

export async function drawSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Every figure of a report drawn, in order. */
export async function drawFigures(report: Report): Promise<void> {
  for (const figure of report.figures) figure.svg = await drawSvg(figure.spec);
}
