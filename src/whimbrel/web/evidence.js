// whimbrel explorer: the event page, with each mention's sentence (trigger marked) and its
// evidence in words, read from the events stage's `why` ("lexicon:COOPERATE:cooperation;
// light-verb:boost; actor=nsubj; modality=future(would)" -> "triggered by 'boost defense
// cooperation'; actor from the subject; future because of 'would'"). Parts it does not know
// are shown as they are, never dropped.
"use strict";

const ROLE_SOURCES = {
  nsubj: "the subject", dobj: "the object", obj: "the object", poss: "the possessive (X's)",
  compound: "the name in front of the trigger word", "of-compound": "the \u201cof\u201d phrase",
  relcl: "the noun the clause describes", agent: "the \u201cby\u201d phrase", nsubjpass: "the passive subject",
  "complement-subject": "the subject of the complement", "complement-dobj": "the object of the complement",
};
const WRAPPERS = {
  control: "the subject of the governing verb", conj: "the subject shared with the verb before",
  "clause-subject": "the subject of the clause", gerund: "the subject of the -ing verb",
  adjunct: "the subject of the main clause", predicate: "the subject of the predicate",
};

function roleSource(src) {
  const converse = src.endsWith("(converse)");
  const s = src.replace(/\(converse\)$/, "");
  let words;
  const prep = s.match(/^(?:complement-)?prep:(\w+)$/);
  const exp = s.match(/^experiencer:(\w+)$/);
  const wrap = s.match(/^([\w-]+)\((.*)\)$/);
  if (prep) words = `the \u201c${prep[1]} \u2026\u201d phrase`;
  else if (exp) words = `the one \u201c${exp[1]}\u201d of it`;
  else if (wrap && WRAPPERS[wrap[1]]) words = WRAPPERS[wrap[1]];
  else words = ROLE_SOURCES[s] || s;
  return words + (converse ? " (the verb reverses the roles: \u201creceive\u201d, \u201cget\u201d)" : "");
}

function whyInWords(why, trigger) {
  if (!why) return "no explanation stored";
  const out = [];
  for (const raw of why.split(";")) {
    const p = raw.trim();
    let m;
    if ((m = p.match(/^lexicon:([A-Z]+):/))) out.push(`triggered by \u201c${trigger}\u201d (a ${m[1]} word)`);
    else if ((m = p.match(/^light-verb:(.+)$/))) out.push(`the verb \u201c${m[1]}\u201d carries the noun`);
    else if ((m = p.match(/^terminative:(.+)$/))) out.push(`ended (\u201c${m[1]}\u201d)`);
    else if ((m = p.match(/^content:([A-Z]+)$/))) out.push(`its content is a ${m[1]}`);
    else if ((m = p.match(/^(actor|recipient)=(.+)$/))) out.push(`${m[1]} from ${roleSource(m[2])}`);
    else if ((m = p.match(/^modality=(\w+)\((.+)\)$/))) out.push(`${m[1]} because of \u201c${m[2]}\u201d`);
    else if ((m = p.match(/^modality=(\w+)$/))) out.push(m[1] === "asserted" ? "asserted (nothing hedges it)" : m[1]);
    else if (p === "reciprocal") out.push("both sides act on each other");
    else if (p === "background") out.push("background, not the news of the article");
    else if (p) out.push(p);
  }
  return out.join("; ");
}

function markedSentence(m) {
  const text = m.sentence_text || "";
  const s = Math.max(0, m.trigger[0] - m.sentence[0]), e = Math.max(s, m.trigger[1] - m.sentence[0]);
  return el("blockquote", { class: "evidence" }, text.slice(0, s), el("mark", {}, text.slice(s, e)), text.slice(e));
}

async function viewEventPage(main, params) {
  const e = await api("events/" + encodeURIComponent(params.id));
  main.appendChild(el("h2", {}, `${e.event}${e.mode ? " / " + e.mode : ""}: ${parties(e.actor)} \u2192 ${parties(e.recipient) || "\u2014"}`));
  const who = (label, list) => (list.length ? [label, ...list.flatMap((a, i) => (i ? [", ", actorLink(a)] : [actorLink(a)]))] : []);
  main.appendChild(el("p", { id: "event-parties" }, who("Actor: ", e.actor), e.recipient.length ? " \u00b7 " : "", who("Recipient: ", e.recipient)));
  const facts = [["Date", `${e.date.value || "unknown"}${e.date.resolution ? " (" + e.date.resolution + ")" : ""}`],
    ["Modality", e.modality + (e.coded ? (e.coded !== e.event ? ` \u2014 recorded as ${e.coded}` : " \u2014 recorded") : " \u2014 not recorded by a PLOVER coder")],
    ["CAMEO", e.cameo || "\u2014"], ["Context", (e.context || []).join(", ") || "\u2014"],
    ["Location", e.place ? `${e.place.name}${e.place.country ? " (" + e.place.country + ")" : ""}` : "\u2014"],
    ["Quad class / Goldstein", `${e.quad_class ?? "?"} / ${e.goldstein ?? "?"}`],
    ["Reported", `${e.num_mentions} mention(s), ${e.num_sources} source(s), ${e.num_articles} article(s)`]];
  main.appendChild(el("dl", { class: "facts", id: "event-facts" }, facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])));
  main.appendChild(el("h3", {}, "Mentions"));
  main.appendChild(el("ol", { id: "event-mentions" }, e.mentions.map((m) => el("li", {},
    el("a", { href: "#doc?id=" + m.document + "&event=" + encodeURIComponent(m.local_id) }, m.title || "document " + m.document),
    m.published ? el("span", { class: "muted" }, " \u00b7 " + m.published) : null,
    m.duplicate ? el("span", { class: "muted" }, " (near-duplicate copy)") : null,
    markedSentence(m),
    el("div", { class: "why", title: "as stored: " + (m.why || "") }, "Evidence: " + whyInWords(m.why, m.trigger_text || "") +
      ` \u00b7 confidence ${m.confidence}`)))));
}

VIEWS.event = viewEventPage;
