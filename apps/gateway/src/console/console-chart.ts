import type { SeriesPoint } from './console-queries.js';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A small server-rendered SVG bar chart (no JavaScript): acknowledged (green, up) and failed
 * attempts (red, down) per hour over 24 h. Colours are GOV.UK green/red with a text legend; the
 * same numbers are in a table beside it for screen readers.
 */
export function seriesSvg(points: readonly SeriesPoint[], width = 720, height = 180): string {
  const padL = 40;
  const padB = 22;
  const mid = (height - padB) / 2;
  const max = Math.max(1, ...points.map((p) => Math.max(p.acknowledged, p.failed)));
  const slot = (width - padL) / Math.max(1, points.length);
  const bar = Math.max(2, slot * 0.7);
  const scale = (v: number) => (v / max) * (mid - 6);
  const totalAck = points.reduce((n, p) => n + p.acknowledged, 0);
  const totalFail = points.reduce((n, p) => n + p.failed, 0);
  const parts: string[] = [];
  parts.push(`<line x1="${padL}" y1="${mid}" x2="${width}" y2="${mid}" stroke="#505a5f" stroke-width="1"/>`);
  parts.push(`<text x="${padL - 6}" y="14" text-anchor="end" font-size="12" fill="#0b0c0c">${max}</text>`);
  parts.push(`<text x="${padL - 6}" y="${height - padB - 4}" text-anchor="end" font-size="12" fill="#0b0c0c">${max}</text>`);
  points.forEach((p, i) => {
    const x = padL + i * slot + (slot - bar) / 2;
    const label = `${p.hour.toISOString().slice(11, 16)} UTC: ${p.acknowledged} acknowledged, ${p.failed} failed`;
    if (p.acknowledged) parts.push(`<rect x="${x.toFixed(1)}" y="${(mid - scale(p.acknowledged)).toFixed(1)}" width="${bar.toFixed(1)}" height="${scale(p.acknowledged).toFixed(1)}" fill="#00703c"><title>${esc(label)}</title></rect>`);
    if (p.failed) parts.push(`<rect x="${x.toFixed(1)}" y="${mid}" width="${bar.toFixed(1)}" height="${scale(p.failed).toFixed(1)}" fill="#d4351c"><title>${esc(label)}</title></rect>`);
    if (i % 4 === 0) parts.push(`<text x="${(x + bar / 2).toFixed(1)}" y="${height - 6}" text-anchor="middle" font-size="12" fill="#0b0c0c">${p.hour.toISOString().slice(11, 16)}</text>`);
  });
  const summary = `Last 24 hours: ${totalAck} acknowledged and ${totalFail} failed delivery attempts. Green bars above the line are acknowledgements, red bars below are failures, one bar per hour.`;
  return `<svg class="cpb-chart" role="img" aria-labelledby="cpb-chart-title cpb-chart-desc" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title id="cpb-chart-title">Acknowledgements and failures per hour</title><desc id="cpb-chart-desc">${esc(summary)}</desc>${parts.join('')}</svg>`;
}
