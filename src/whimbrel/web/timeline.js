// whimbrel explorer: the dyad timeline. One band per calendar month from the first to the last
// (months without events are drawn as zeros, so the axis is real time), bars stacked by quad
// class or event type with their count on top, the month's summed Goldstein score as a line on
// its own axis, and a click on a bar opens that month's events.
"use strict";

const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const QUAD_COLOURS = { 1: "#7fb3d5", 2: "#2e86c1", 3: "#f1948a", 4: "#c0392b" };
const TYPE_COLOURS = ["#1f77b4", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a", "#d62728", "#ff9896",
  "#9467bd", "#c5b0d5", "#8c564b", "#c49c94", "#e377c2", "#f7b6d2", "#7f7f7f", "#bcbd22"];

function niceStep(max, ticks) {
  const raw = Math.max(1, max) / ticks;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw);
}

function monthEnd(month) {
  const [y, m] = month.split("-").map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
}

function stackKeys(months, by) {
  if (by === "quad") return ["1", "2", "3", "4"];
  const seen = new Set(months.flatMap((m) => Object.keys(m.types || {})));
  return PLOVER.filter((t) => seen.has(t));
}

function stackColour(by, key) {
  return by === "quad" ? QUAD_COLOURS[key] : TYPE_COLOURS[PLOVER.indexOf(key) % TYPE_COLOURS.length];
}

function yAxis(chart, x, top, height, max, label, fmt, side) {
  const step = niceStep(max, 4);
  for (let v = 0; v <= max + 1e-9; v += step) {
    const y = top + height - (v / max) * height;
    chart.appendChild(svg("line", { x1: x, x2: x + (side === "left" ? -4 : 4), y1: y, y2: y, class: "tick" }));
    chart.appendChild(svg("text", { x: x + (side === "left" ? -6 : 6), y: y + 4, "text-anchor": side === "left" ? "end" : "start", class: "tick-label" }, fmt(v)));
  }
  chart.appendChild(svg("text", { x: side === "left" ? 8 : x + 40, y: top - 8, class: "axis-title",
    "text-anchor": side === "left" ? "start" : "end" }, label));
}

function drawTimeline(months, by, onBar) {
  const n = months.length, band = Math.max(14, Math.min(48, 900 / n));
  const L = 56, R = 64, top = 36, H = 280, W = L + n * band + R;
  const keys = stackKeys(months, by);
  const max = Math.max(1, ...months.map((m) => m.events));
  const yMax = niceStep(max, 4) * Math.ceil(max / niceStep(max, 4));
  const chart = svg("svg", { width: W, height: top + H + 56, id: "timeline", role: "img" });
  chart.appendChild(svg("title", {}, "Events per month (bars, left axis) and summed Goldstein score (line, right axis)"));
  yAxis(chart, L, top, H, yMax, "events", (v) => String(v), "left");
  const counts = [];
  chart.appendChild(svg("line", { x1: L, x2: L + n * band, y1: top + H, y2: top + H, class: "axis" }));
  months.forEach((m, i) => {
    const x = L + i * band;
    let y = top + H;
    const g = svg("g", { class: "month", "data-month": m.month, "data-events": m.events });
    for (const k of keys) {
      const c = by === "quad" ? m.quad[k] || 0 : (m.types || {})[k] || 0;
      if (!c) continue;
      const h = (c / yMax) * H;
      y -= h;
      const r = svg("rect", { x: x + 2, y, width: band - 4, height: h, fill: stackColour(by, k), class: "bar" });
      r.appendChild(svg("title", {}, `${m.month}: ${c} ${by === "quad" ? QUAD_NAMES[k] : k}`));
      g.appendChild(r);
    }
    if (m.events) counts.push(svg("text", { x: x + band / 2, y: y - 3, "text-anchor": "middle", class: "count" }, m.events));
    g.appendChild(svg("rect", { x, y: top, width: band, height: H, class: "hit" }));
    g.lastChild.appendChild(svg("title", {}, `${m.month}: ${m.events} event(s), Goldstein ${m.goldstein}`));
    g.addEventListener("click", () => onBar(m));
    chart.appendChild(g);
    const label = n <= 24 ? m.month : (i === 0 ? m.month : (m.month.endsWith("-01") ? m.month.slice(0, 4) : null));
    chart.appendChild(svg("line", { x1: x, x2: x, y1: top + H, y2: top + H + (label ? 6 : 3), class: "tick" }));
    if (label) chart.appendChild(svg("text", { x: x + band / 2, y: top + H + 18, "text-anchor": "middle", class: "tick-label month-label",
      transform: n > 12 && n <= 24 ? `rotate(-35 ${x + band / 2} ${top + H + 18})` : "" }, label));
  });
  drawGoldstein(chart, months, L, band, top, H, W - R);
  for (const c of counts) chart.appendChild(c);  // the counts stay readable above the line
  return chart;
}

function drawGoldstein(chart, months, L, band, top, H, right) {
  const lo = Math.min(0, ...months.map((m) => m.goldstein)), hi = Math.max(0, ...months.map((m) => m.goldstein));
  const span = hi - lo || 1;
  const y = (v) => top + H - ((v - lo) / span) * H;
  const pts = months.map((m, i) => `${L + i * band + band / 2},${y(m.goldstein)}`).join(" ");
  chart.appendChild(svg("line", { x1: L, x2: right, y1: y(0), y2: y(0), class: "zero" }));
  chart.appendChild(svg("polyline", { points: pts, class: "goldstein" }));
  for (const v of [lo, 0, hi]) {
    chart.appendChild(svg("text", { x: right + 6, y: y(v) + 4, class: "tick-label goldstein-label" }, v.toFixed(1)));
  }
  chart.appendChild(svg("text", { x: right + 60, y: top - 8, "text-anchor": "end", class: "axis-title goldstein-label" }, "Goldstein"));
}

function timelineLegend(months, by) {
  return el("p", { class: "legend" }, stackKeys(months, by).map((k) =>
    el("span", { class: "swatch", "data-colour": stackColour(by, k) }, by === "quad" ? `${k} ${QUAD_NAMES[k]}` : k)),
    el("span", { class: "goldstein-key" }, "— Goldstein (sum per month)"));
}

async function viewTimeline(main, params) {
  main.appendChild(filterForm([{ name: "actor", label: "Actor", placeholder: "RUS" },
    { name: "recipient", label: "Recipient", placeholder: "UKR" }, { name: "type", label: "Type", options: PLOVER },
    { name: "modality", label: "Modality", options: MODALITIES },
    { name: "all_modalities", label: "Unrecorded events too", options: ["true"] },
    { name: "by", label: "Stack by", options: ["quad", "type"] },
    { name: "since", label: "Since", type: "date" }, { name: "until", label: "Until", type: "date" }],
    params, (p) => go("timeline", p)));
  const { by = "quad", ...filters } = params;
  const months = await api("dyad-counts", filters);
  const who = `${params.actor || "any actor"} → ${params.recipient || "any recipient"}`;
  const scope = [params.type, params.modality ? params.modality + " events" : (params.all_modalities ? "all modalities" : "recorded events")]
    .filter(Boolean).join(", ");
  main.appendChild(el("h2", { id: "timeline-title" }, `Events per month: ${who} (${scope})`));
  if (!months.length) { main.appendChild(el("p", { class: "muted" }, "No dated events for this dyad.")); return; }
  const total = months.reduce((s, m) => s + m.events, 0);
  main.appendChild(el("p", { class: "muted" }, `${total} event(s) over ${months.length} month(s), ${months[0].month} to ` +
    `${months[months.length - 1].month}; months without events are drawn as zeros. Click a month for its events.`));
  main.appendChild(timelineLegend(months, by));
  const chart = drawTimeline(months, by === "type" ? "type" : "quad", (m) => {
    const keep = Object.fromEntries(Object.entries(filters).filter(([k]) => ["actor", "recipient", "type", "modality", "all_modalities"].includes(k)));
    go("events", { ...keep, since: m.month + "-01", until: monthEnd(m.month) });
  });
  main.appendChild(el("div", { class: "chart-scroll" }, chart));
  for (const s of main.querySelectorAll(".swatch")) s.style.setProperty("--c", s.dataset.colour);
}

VIEWS.timeline = viewTimeline;
