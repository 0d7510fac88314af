// whimbrel explorer: the actor network. Actors on a circle (grouped by country, so an
// American minister sits beside the United States), optionally merged by CAMEO code or by
// country; node size = events, edge width = events, edge colour = sign of the summed Goldstein
// score; labels point outward; hovering a node lights its edges, clicking opens its page (or
// its events), clicking an edge opens the dyad's events.
"use strict";

function networkLegend() {
  return el("p", { class: "legend network-legend" },
    el("span", { class: "key-line coop-line" }, "cooperative (Goldstein sum ≥ 0)"),
    el("span", { class: "key-line conf-line" }, "conflictual (< 0)"),
    el("span", {}, "line width and circle size: number of events; arrow: who acts on whom"),
    el("span", { class: "muted" }, "hover a circle to see its ties; click it for its page, a line for its events"));
}

function termOf(n) { return n.code && !String(n.id).startsWith("#") ? n.code : n.name; }

function drawNetwork(net, by, params) {
  const W = 900, H = 680, cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 150;
  const nodes = [...net.nodes].sort((a, b) => String(a.country || a.code || "").localeCompare(String(b.country || b.code || "")) || b.events - a.events);
  const pos = {}, angle = {};
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    angle[n.id] = a;
    pos[n.id] = [cx + R * Math.cos(a), cy + R * Math.sin(a)];
  });
  const maxW = Math.max(1, ...net.edges.map((e) => e.weight)), maxN = Math.max(1, ...nodes.map((n) => n.events));
  const radius = (n) => 4 + 10 * Math.sqrt(n.events / maxN);
  const chart = svg("svg", { width: W, height: H, id: "network", role: "img" });
  chart.appendChild(svg("title", {}, "Who acts on whom"));
  const defs = svg("defs");
  for (const [id, colour] of [["arrow-coop", "#2e86c1"], ["arrow-conf", "#c0392b"]]) {
    const m = svg("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" });
    m.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: colour }));
    defs.appendChild(m);
  }
  chart.appendChild(defs);
  const byId = Object.fromEntries(nodes.map((n) => [n.id, n]));
  for (const e of net.edges) {
    const [x1, y1] = pos[e.source], [x2, y2] = pos[e.target];
    const rt = radius(byId[e.target]) + 2, len = Math.hypot(x2 - x1, y2 - y1) || 1;
    const [ex, ey] = [x2 - ((x2 - x1) * rt) / len, y2 - ((y2 - y1) * rt) / len];
    const [mx, my] = [(x1 + ex) / 2 + (cx - (x1 + ex) / 2) * 0.25, (y1 + ey) / 2 + (cy - (y1 + ey) / 2) * 0.25];
    const coop = e.goldstein >= 0;
    const path = svg("path", { d: `M${x1},${y1} Q${mx},${my} ${ex},${ey}`, class: "edge " + (coop ? "coop-edge" : "conf-edge"),
      "stroke-width": 1 + (5 * e.weight) / maxW, "marker-end": `url(#${coop ? "arrow-coop" : "arrow-conf"})`,
      "data-source": e.source, "data-target": e.target });
    path.appendChild(svg("title", {}, `${byId[e.source].name} → ${byId[e.target].name}: ${e.weight} event(s), Goldstein sum ${e.goldstein}`));
    path.addEventListener("click", () => go("events", { dyad: `${termOf(byId[e.source])},${termOf(byId[e.target])}`,
      ...(params.all_modalities ? { all_modalities: "true" } : {}) }));
    chart.appendChild(path);
  }
  for (const n of nodes) {
    const [x, y] = pos[n.id], a = angle[n.id], r = radius(n);
    const right = Math.cos(a) >= 0;
    const g = svg("g", { class: "node", "data-node": n.id, tabindex: 0 });
    g.appendChild(svg("circle", { cx: x, cy: y, r }));
    g.appendChild(svg("text", { x: x + Math.cos(a) * (r + 5), y: y + Math.sin(a) * (r + 5) + 4, "text-anchor": right ? "start" : "end" },
      n.name + (n.members.length > 1 ? ` +${n.members.length - 1}` : "")));
    g.appendChild(svg("title", {}, `${n.name} (${n.code || "?"}): ${n.events} event(s)` +
      (n.members.length > 1 ? `\nmerged: ${n.members.join(", ")}` : "") + "\nclick for its page"));
    g.addEventListener("mouseenter", () => highlight(chart, n.id, true));
    g.addEventListener("mouseleave", () => highlight(chart, n.id, false));
    g.addEventListener("click", () => (by === "actor" ? go("actor", { id: n.id })
      : n.actor_ids.length === 1 ? go("actor", { id: n.actor_ids[0] }) : go("events", { actor: termOf(n) })));
    chart.appendChild(g);
  }
  return chart;
}

function highlight(chart, id, on) {
  chart.classList.toggle("focus", on);
  for (const e of chart.querySelectorAll(".edge"))
    e.classList.toggle("lit", on && (e.dataset.source === String(id) || e.dataset.target === String(id)));
  for (const g of chart.querySelectorAll(".node")) g.classList.toggle("lit", on && g.dataset.node === String(id));
}

async function viewNetworkPage(main, params) {
  main.appendChild(filterForm([{ name: "by", label: "Merge actors by", options: ["actor", "code", "country"] },
    { name: "type", label: "Type", options: PLOVER }, { name: "quad", label: "Quad", options: ["1", "2", "3", "4"] },
    { name: "all_modalities", label: "Unrecorded events too", options: ["true"] },
    { name: "since", label: "Since", type: "date" }, { name: "until", label: "Until", type: "date" }],
    params, (p) => go("network", p)));
  const by = params.by || "actor";
  const net = await api("network", { ...params, by, max_edges: 150 });
  if (!net.nodes.length) { main.appendChild(el("p", { class: "muted" }, "No actor-recipient events yet.")); return; }
  main.append(networkLegend(), drawNetwork(net, by, params));
}

VIEWS.network = viewNetworkPage;
