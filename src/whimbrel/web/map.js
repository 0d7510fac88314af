// whimbrel explorer: the map of event locations and named places, drawn offline.
// The basemap is Natural Earth 1:110m countries (npm world-atlas); d3-geo projects and draws
// it and topojson-client reads it: both served from /static/vendor/, copied from their npm
// packages at install time (webdeps/vendor.py). No tiles, no CDN.
"use strict";

let WORLD = null;

async function world() {
  if (!WORLD) {
    const r = await fetch("/static/vendor/countries-110m.json");
    if (!r.ok) throw new Error("the basemap is not installed (make setup copies it into web/vendor)");
    WORLD = await r.json();
  }
  return WORLD;
}

function marker(x, y, r, cls, tip, label, onclick) {
  const g = svg("g", { class: "marker " + cls, tabindex: 0, role: "link" });
  g.appendChild(svg("circle", { cx: x, cy: y, r }));
  if (label !== null) g.appendChild(svg("text", { x, y: y + 4, "text-anchor": "middle" }, label));
  g.appendChild(svg("title", {}, tip));
  g.addEventListener("click", onclick);
  g.addEventListener("keydown", (e) => { if (e.key === "Enter") onclick(); });
  return g;
}

function basemap(chart, path, topo) {
  chart.appendChild(svg("path", { d: path({ type: "Sphere" }), class: "sphere" }));
  chart.appendChild(svg("path", { d: path(d3.geoGraticule10()), class: "graticule" }));
  const countries = topojson.feature(topo, topo.objects.countries);
  const g = svg("g", { class: "countries" });
  for (const c of countries.features) {
    const p = svg("path", { d: path(c) || "", class: "country" });
    p.appendChild(svg("title", {}, c.properties.name));
    g.appendChild(p);
  }
  chart.appendChild(g);
  chart.appendChild(svg("path", { d: path(topojson.mesh(topo, topo.objects.countries, (a, b) => a !== b)), class: "borders" }));
}

function mapLegend() {
  return el("p", { class: "legend map-legend" },
    el("span", { class: "key key-event" }, "events at a place (number = events; click: the events)"),
    el("span", { class: "key key-place" }, "places the articles name (size = mentions; click: the articles)"));
}

async function viewMap(main, params) {
  main.appendChild(filterForm([{ name: "actor", label: "Actor", placeholder: "RUS" },
    { name: "type", label: "Type", options: PLOVER }, { name: "quad", label: "Quad", options: ["1", "2", "3", "4"] },
    { name: "modality", label: "Modality", options: MODALITIES },
    { name: "all_modalities", label: "Unrecorded events too", options: ["true"] },
    { name: "since", label: "Since", type: "date" }, { name: "until", label: "Until", type: "date" }],
    params, (p) => go("map", p)));
  if (!(window.d3 && d3.geoPath && window.topojson))
    throw new Error("the map libraries are not installed (make setup copies them into web/vendor)");
  const [topo, data] = await Promise.all([world(), api("map", params)]);
  const W = 960, H = 500;
  const projection = d3.geoEqualEarth().fitSize([W, H], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, id: "map", role: "img" });
  chart.appendChild(svg("title", {}, "Event locations and named places (Natural Earth 1:110m, Equal Earth projection)"));
  basemap(chart, path, topo);
  const maxMentions = Math.max(1, ...data.places.map((p) => p.mentions));
  for (const p of data.places) {
    const [x, y] = projection([p.lon, p.lat]);
    chart.appendChild(marker(x, y, 2 + 8 * Math.sqrt(p.mentions / maxMentions), "place",
      `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.mentions} mention(s) in ${p.documents} article(s)`,
      null, () => go("documents", { q: p.name })));
  }
  for (const p of data.events) {
    const [x, y] = projection([p.lon, p.lat]);
    const types = Object.entries(p.types).map(([t, n]) => `${t} ${n}`).join(", ");
    const g = marker(x, y, 7 + 3 * Math.sqrt(p.events), "event", `${p.name || "?"}: ${p.events} event(s): ${types}`,
      String(p.events), () => go("events", { place: p.name, ...(params.all_modalities ? { all_modalities: "true" } : {}) }));
    g.dataset.place = p.name || "";
    g.dataset.events = p.events;
    chart.appendChild(g);
  }
  main.append(mapLegend(), chart,
    el("p", { class: "muted", id: "map-summary" }, `${data.events.reduce((s, p) => s + p.events, 0)} located event(s) at ` +
      `${data.events.length} place(s); ${data.places.length} named place(s).`));
}

VIEWS.map = viewMap;
