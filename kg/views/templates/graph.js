// The page's own script: draws the view from the JSON block and lets a reader explore it —
// find an actor, filter by issue, kind, sign and line, move through time, read the evidence.
// Every text from a source is put in the page with textContent, never parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var S = data.style, claims = data.claims, LAST = data.days.length - 1;
  var $ = function (id) { return document.getElementById(id); };
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  // a line's evidence item is a claim, or [claim, how many other documents report its words too]
  var COPIES = {};
  data.lines.forEach(function (l) {
    l.members.forEach(function (m) {
      m.claims = m.claims.map(function (c) {
        if (!Array.isArray(c)) return c;
        COPIES[c[0]] = Math.max(COPIES[c[0]] || 0, c[1]);
        return c[0];
      });
    });
  });
  function pieces(ids) { return ids.reduce(function (s, c) { return s + 1 + (COPIES[c] || 0); }, 0); }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function button(text, act, cls) {
    var b = el("button", text, cls);
    b.type = "button";
    b.addEventListener("click", act);
    return b;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // --- what the view holds now: the day, the kind of position and the filters --------------------
  // the blocs' member stars fold by default in the whole view (they bury it), not around a focus actor
  var FOLD = !data.focus;
  var state = { day: LAST, kind: "", issue: "", sign: "", relation: "", fold: FOLD, selected: [] };
  function onDay(at) {  // a node or member present on the current day, for the current kind
    var spans = Array.isArray(at) ? at : (at[state.kind] || []);
    for (var i = 0; i < spans.length; i += 2) if (state.day >= spans[i] && state.day < spans[i + 1]) return true;
    return false;
  }
  function withinIssue(issue) { return !state.issue || data.issues[state.issue].within.indexOf(issue) >= 0; }
  function dayText(i) { return data.days[i] === null ? "all dates" : data.days[i]; }

  var shown = {};  // per line: its members in view; per node: whether in view; the contradictions in view
  function compute() {
    var lines = {}, nodes = {}, busy = {}, filtering = state.issue || state.sign || state.relation;
    data.lines.forEach(function (l) {
      if (state.relation && l.kind !== state.relation) return;
      var sign = l.kind === "stance" ? (l.stance === "supports" ? 1 : l.stance === "opposes" ? -1 : 0) : l.sign;
      if (state.sign && String(sign) !== state.sign) return;
      var present = l.members.filter(function (m) { return onDay(m.at) && (!m.issue || l.kind === "stance" || withinIssue(m.issue)); });
      if (!present.length) return;
      lines[l.id] = present;
      busy[l.from] = busy[l.to] = true;
    });
    data.nodes.forEach(function (n) {
      if (onDay(n.at) && (!filtering || busy[n.id] || n.id === data.focus || n.type === "issue")) nodes[n.id] = true;
    });
    Object.keys(lines).forEach(function (id) {
      var l = lineById[id];
      if (!nodes[l.from] || !nodes[l.to]) delete lines[id];
    });
    var contradictions = {};
    data.contradictions.forEach(function (c, i) {
      if (state.day !== LAST && c.last > data.days[state.day]) return;
      if (state.issue && !c.issues.some(withinIssue)) return;
      if (c.holders.some(function (h) { return nodes[h]; })) contradictions[i] = true;
    });
    // a tension's pairs in view: the page carries some of each group, and each group's count
    var tensions = {};
    data.tensions.forEach(function (t, n) {
      var count = t.groups.reduce(function (s, g) { return s + (contradictions[g[0]] ? g[1] : 0); }, 0);
      if (count) tensions[n] = count;
    });
    shown = { lines: lines, nodes: nodes, contradictions: contradictions, tensions: tensions, folded: {}, into: {} };
    if (state.fold) fold();
  }
  function membership(l) {  // a member's (or candidate's) line to its bloc, from the reference data alone
    return l.kind === "tie" && l.sign === 1 && byId[l.to].type === "bloc" && shown.lines[l.id].every(function (m) {
      return m.claims.every(function (c) { return claims[c].kind === "membership"; });
    });
  }
  // An actor in view whose only lines are its memberships is folded into its blocs (hidden, and
  // counted on each bloc's label); one with any other line, the focus and a selected actor stay.
  function fold() {
    var touching = {};
    Object.keys(shown.lines).forEach(function (id) {
      var l = lineById[id];
      (touching[l.from] = touching[l.from] || []).push(l);
      (touching[l.to] = touching[l.to] || []).push(l);
    });
    Object.keys(touching).sort().forEach(function (id) {
      var t = byId[id].type;
      if (t === "bloc" || t === "issue" || id === data.focus || state.selected.indexOf(id) >= 0) return;
      if (!touching[id].every(function (l) { return l.from === id && membership(l); })) return;
      shown.folded[id] = touching[id].map(function (l) { return l.to; });
      shown.folded[id].forEach(function (b) { shown.into[b] = (shown.into[b] || 0) + 1; });
    });
  }
  function drawn(id) { return !!shown.nodes[id] && !shown.folded[id]; }
  function contradictionsOf(claimIds) {
    var found = {};
    claimIds.forEach(function (c) {
      (claims[c].contradictions || []).forEach(function (i) { if (shown.contradictions[i]) found[i] = true; });
    });
    return Object.keys(found).map(Number).sort(function (a, b) { return a - b; });
  }
  function lineClaims(id) {  // the evidence of a line in view, the latest first
    var seen = {}, out = [];
    shown.lines[id].forEach(function (m) { m.claims.forEach(function (c) { if (!seen[c]) { seen[c] = true; out.push(c); } }); });
    return out.sort(function (a, b) { return claims[a].date < claims[b].date ? 1 : claims[a].date > claims[b].date ? -1 : a - b; });
  }
  function heldBy(node) {
    return (node.contradictions || []).filter(function (i) { return shown.contradictions[i]; });
  }
  function tensionsOf(indices) {  // the findings of some pairs, each once
    var seen = {};
    indices.forEach(function (i) { seen[data.contradictions[i].tension] = true; });
    return Object.keys(seen).length;
  }

  // --- drawing: vis-network items styled from the palette ----------------------------------------
  var lineById = {};
  data.lines.forEach(function (l) { lineById[l.id] = l; });
  var bends = {};  // several lines between two actors: the first straight, the others bowed apart
  data.lines.forEach(function (l) {
    var pair = [l.from, l.to].sort().join("\n"), n = bends[pair] = (bends[pair] || 0) + 1;
    if (n === 1) return;
    var k = n - 1, cw = (k % 2 === 1) === (l.from < l.to);
    l.smooth = { enabled: true, type: cw ? "curvedCW" : "curvedCCW", roundness: 0.18 * Math.ceil(k / 2) };
  });
  function nodeItem(n) {
    var st = n.type === "issue" ? S.issue : (S.nodes[n.type] || S.nodes.other);
    var fill = st.color, border = n.type === "issue" ? S.issue.border : S.border;
    var item = {
      id: n.id, x: n.x, y: n.y, label: n.label, shape: st.shape, size: n.id === data.focus ? S.focus_size : st.size,
      color: { background: fill, border: border, highlight: { background: fill, border: "#000000" }, hover: { background: fill, border: "#000000" } },
      borderWidth: 1, shapeProperties: { borderDashes: false }, font: { size: n.id === data.focus ? 18 : 14 }
    };
    if (n.type === "issue") { item.margin = 8; item.font = { size: 15 }; item.borderWidth = 2; }
    return item;
  }
  function lineItem(l) {
    var colour = l.kind === "stance" ? S.stance[l.stance] || S.stance.neutral : S.sign[String(l.sign)];
    var mark = l.kind === "stance" ? S.stance_mark[l.stance] : S.sign_mark[String(l.sign)];
    return {
      id: l.id, from: l.from, to: l.to, smooth: l.smooth || false,
      color: { color: colour, highlight: colour, hover: colour },
      dashes: l.kind === "alignment" ? S.alignment_dashes : l.kind === "stance" ? S.stance_dashes : false,
      arrows: { to: { enabled: l.kind !== "alignment", scaleFactor: 0.6 },
                middle: { enabled: !!mark, type: mark || "arrow", scaleFactor: 0.8 } }
    };
  }

  // What of an actor or a line changes with the state: shown or hidden, marked, how wide.
  function nodeState(n) {
    var flagged = heldBy(n).length > 0, more = shown.into[n.id] ? " (+" + shown.into[n.id] + ")" : "";
    var u = { id: n.id, hidden: !drawn(n.id), label: n.label + more + (flagged ? " ⚠" : "") };
    if (n.type !== "issue") {
      var fill = (S.nodes[n.type] || S.nodes.other).color, ring = flagged ? S.contradiction : S.border;
      u.borderWidth = flagged ? 4 : 1;
      u.shapeProperties = { borderDashes: flagged ? S.ring_dashes : false };
      u.color = { background: fill, border: ring, highlight: { background: fill, border: flagged ? ring : "#000000" },
                  hover: { background: fill, border: flagged ? ring : "#000000" } };
    }
    return u;
  }
  function lineState(l) {
    var present = shown.lines[l.id];
    if (!present || shown.folded[l.from] || shown.folded[l.to]) return { id: l.id, hidden: true };
    var contested = contradictionsOf(lineClaims(l.id)).length > 0;
    return { id: l.id, hidden: false, value: present.reduce(function (s, m) { return s + m.weight; }, 0),
             label: contested ? "⚠" : "", font: { color: S.contradiction, size: 14, strokeWidth: 4 },
             shadow: contested ? { enabled: true, color: S.contradiction, size: 14, x: 0, y: 0 } : { enabled: false } };
  }
  var applied = {};
  function recorded(u) {  // whether an item already shows this state; records it if not
    var key = JSON.stringify(u), was = applied[u.id] === key;
    applied[u.id] = key;
    return was;
  }

  // The layout is landscape, as most windows are; a portrait screen (a phone held upright) gets it turned.
  var stage = $("stage");
  var upright = stage.clientHeight > stage.clientWidth * 1.15;
  compute();  // the opening state is drawn with the items, not applied to them after
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var item = Object.assign(nodeItem(n), nodeState(n));
    recorded(nodeState(n));
    if (upright) { item.x = -n.y; item.y = n.x; }
    return item;
  }));
  var edges = new vis.DataSet(data.lines.map(function (l) {
    var u = lineState(l);
    recorded(u);
    return Object.assign(lineItem(l), u);
  }));
  var network = null;

  // With a selection, it, its neighbours and their lines stay; the rest fades. The fading is
  // drawn over the picture, and the kept part drawn again on top: no item changes, so it is
  // as quick with 10,000 lines as with 10.
  var kept = null;
  function keep() {
    kept = null;
    if (!state.selected.length) return;
    var chosen = {}, near = {}, lines = [];
    state.selected.forEach(function (id) { chosen[id] = near[id] = true; });
    Object.keys(shown.lines).forEach(function (id) {
      var l = lineById[id];
      if (chosen[l.from] || chosen[l.to]) { near[l.from] = near[l.to] = true; lines.push(id); }
    });
    kept = { nodes: Object.keys(near).filter(drawn),
             lines: lines.filter(function (id) { return drawn(lineById[id].from) && drawn(lineById[id].to); }) };
  }
  function drawKept(ctx) {
    if (!kept || !network.body.nodes[kept.nodes[0]] || typeof network.body.nodes[kept.nodes[0]].draw !== "function") return;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "rgba(255, 255, 255, 0.78)";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    var labels = [];
    kept.lines.forEach(function (id) { network.body.edges[id].draw(ctx); });
    kept.nodes.forEach(function (id) {
      var drawn = network.body.nodes[id].draw(ctx);
      if (drawn && drawn.drawExternalLabel) labels.push(drawn.drawExternalLabel);
    });
    labels.forEach(function (label) { label(); });
  }

  // Apply the state: what is hidden, how wide, what is marked (only what changed), what is kept.
  function apply() {
    compute();
    keep();
    var nodeUpdates = data.nodes.map(nodeState).filter(function (u) { return !recorded(u); });
    var edgeUpdates = data.lines.map(lineState).filter(function (u) { return !recorded(u); });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    if (network) network.redraw();
    status();
    listContradictions();
    listActors();
    if ($("table-box").open) table();
  }

  function status() {
    var n = Object.keys(shown.nodes).filter(function (id) { return byId[id].type !== "issue"; }).length;
    var parts = [plural(n, "actor"), plural(Object.keys(shown.lines).length, "line")];
    parts.push(plural(Object.keys(shown.tensions).length, "contradiction"));
    parts.push(state.day === LAST ? (data.days[LAST] === null ? "all dates" : "as of " + data.days[LAST]) : "as of " + data.days[state.day]);
    if (state.issue) parts.push("on " + data.issues[state.issue].label);
    if (state.kind) parts.push(state.kind + "s only");
    if (state.sign) parts.push(state.sign === "1" ? "positive lines" : "negative lines");
    if (state.relation) parts.push({ tie: "ties", alignment: "agreement", stance: "stances" }[state.relation] + " only");
    var folded = Object.keys(shown.folded).length;
    if (folded) parts.push(plural(folded, "member") + " folded into " + plural(Object.keys(shown.into).length, "bloc"));
    $("status").textContent = "Showing " + parts.join(" · ");
    $("day-label").textContent = dayText(state.day);
    $("day").setAttribute("aria-valuetext", dayText(state.day));
  }

  // --- evidence: a claim with its quote, speaker, source and date --------------------------------
  function evidenceItem(i, withWho) {  // a claim of a line, with the other documents that report its words
    var item = claimItem(i, withWho);
    if (COPIES[i]) item.appendChild(el("span", " · the same words in " + plural(COPIES[i], "other document"), "src"));
    return item;
  }
  function claimItem(i, withWho) {
    var c = claims[i], box = el("div", null, "ev");
    if (withWho) {
      var who = [c.actor, c.kind, c.stance, c.about].filter(Boolean).join(" · ");
      box.appendChild(el("span", who, "who"));
      box.appendChild(document.createElement("br"));
    }
    // a membership from the reference data has a register as its source, and no quote
    if (c.quote) box.appendChild(el("q", c.quote));
    else box.appendChild(el("span", "from the reference data"));
    var source = c.title ? c.title + " (" + c.source + ")" : c.source;
    var dated = c.date && c.date_basis === "document" ? c.date + " (the document's date: the text gives none)" : c.date;
    var where = [c.speaker ? "said by " + c.speaker : null, source, dated].filter(Boolean).join(" · ");
    box.appendChild(el("span", where, "src"));
    return box;
  }
  // What a click shows in full, at most: a large graph repeats one finding in hundreds of documents, and a
  // panel of a thousand quotes reads as nothing; the table under the graph lists every one.
  var MOST = { pairs: 20, own: 20, evidence: 50 };
  function more(count, what) { return el("div", "… " + count + " more " + what + " (the table below lists them all)", "more"); }
  // The pairs of one tension (kg.analysis.tensions) are one finding: shown once, with its summary, each pair below.
  function contradictionBlocks(indices, limit) {
    var groups = [], seen = {};
    indices.forEach(function (i) {
      var c = data.contradictions[i], k = "t" + c.tension;
      if (!seen[k]) { seen[k] = { c: data.tensions[c.tension], n: c.tension, items: [] }; groups.push(seen[k]); }
      seen[k].items.push(i);
    });
    var out = document.createDocumentFragment();
    groups.slice(0, limit || groups.length).forEach(function (g) {
      var box = el("div", null, "contra");
      var origin = g.c.origin === "curated" ? "recorded by the curator" : "found by the rule " + g.c.origin;
      var count = shown.tensions[g.n] || g.items.length;  // all its pairs in view, carried or not
      box.appendChild(el("b", "⚠ " + g.c.label + " (" + origin + ")" + (count > 1 ? ": " + count + " pairs of claims" : "")));
      if (g.c.summary) box.appendChild(el("div", g.c.summary));
      if (limit) { out.appendChild(box); return; }
      g.items.slice(0, MOST.pairs).forEach(function (i) {
        var c = data.contradictions[i], pair = el("div", null, "claims");
        c.claims.forEach(function (k) { pair.appendChild(claimItem(k, true)); });
        box.appendChild(pair);
        box.appendChild(button("Centre its actors", function () { centreOn(c.holders.concat(actorIds(c))); }, "pick"));
      });
      var left = count - Math.min(g.items.length, MOST.pairs);
      if (left > 0) box.appendChild(el("div", "… " + left + " more pairs of claims of this finding (kg contradictions --pairs lists them all)", "more"));
      out.appendChild(box);
    });
    if (limit && groups.length > limit) out.appendChild(el("div", "… " + (groups.length - limit) + " more: click to see all", "more"));
    return out;
  }
  function actorIds(c) {
    var actors = data.tensions[c.tension].actors;
    return data.nodes.filter(function (n) { return actors.indexOf(n.label) >= 0 && shown.nodes[n.id]; }).map(function (n) { return n.id; });
  }
  // --- what the panel and the tooltip say about an actor, a line, the issue ----------------------
  function lineHeading(l, present) {
    var arrow = l.kind === "alignment" ? " — " : " → ";
    var what = present.map(function (m) { return m.relation; }).filter(function (r, i, all) { return all.indexOf(r) === i; });
    if (l.kind === "stance") return byId[l.from].label + " " + l.stance + ": " + byId[l.to].label;
    return byId[l.from].label + arrow + byId[l.to].label + ": " + what.join("; ");
  }
  function describeLine(l, limit) {
    var present = shown.lines[l.id] || [], box = el("div");
    box.appendChild(el("h3", lineHeading(l, present)));
    var kind = { tie: "explicit tie", alignment: "positions on shared issues", stance: "its latest statement or action" }[l.kind];
    var weight = present.reduce(function (s, m) { return s + m.weight; }, 0);
    var ids = lineClaims(l.id), against = contradictionsOf(ids), count = pieces(ids);
    var sign = l.kind === "stance" ? l.stance : l.sign > 0 ? "positive" : "negative";
    box.appendChild(el("div", sign + " (" + kind + "), weight " + Math.round(weight * 100) / 100 + " · " + plural(count, "piece") + " of evidence", "quiet"));
    if (against.length) box.appendChild(contradictionBlocks(against, limit ? 2 : 0));
    var listed = limit ? ids.slice(0, limit) : ids.slice(0, MOST.evidence), rest = count - pieces(listed);
    listed.forEach(function (c) { box.appendChild(evidenceItem(c, l.kind === "alignment")); });
    if (limit && rest > 0) box.appendChild(el("div", "… " + rest + " more pieces of evidence: click to see all", "more"));
    if (!limit && rest > 0) box.appendChild(more(rest, "pieces of evidence, the oldest"));
    return box;
  }
  function describeNode(n, limit) {
    var box = el("div");
    box.appendChild(el("h3", n.label + (heldBy(n).length ? " ⚠" : "")));
    var lines = Object.keys(shown.lines).filter(function (id) { var l = lineById[id]; return l.from === n.id || l.to === n.id; });
    if (n.type === "issue") return describeIssue(n, box, lines, limit);
    var type = { state: "State", bloc: "Bloc or organisation", official: "Official", other: "Other actor" }[n.type] || "Actor";
    var facts = [type + (n.iso ? " · ISO " + n.iso : ""), plural(lines.length, "line") + " in view"];
    if (shown.into[n.id]) facts.push(plural(shown.into[n.id], "member") + " folded into it");
    if (shown.folded[n.id]) facts.push("folded into " + foldedInto(n.id));
    box.appendChild(el("div", facts.join(" · "), "quiet"));
    var held = heldBy(n);
    if (held.length) {
      box.appendChild(el("h4", "Contradictions it holds (" + tensionsOf(held) + ")"));
      box.appendChild(contradictionBlocks(held, limit ? 2 : 0));
    }
    // an item is a claim, or [claim, how many other documents report its words too]
    var own = (n.own || []).map(function (o) { return Array.isArray(o) ? o : [o, 0]; }).filter(function (o) {
      var k = claims[o[0]];
      return (!state.kind || k.kind === state.kind) && withinIssue(k.issue) && (state.day === LAST || k.date <= data.days[state.day]);
    });
    // the earlier ones the page counts but does not carry: [issue label, issue, kind, first day, number]
    var earlier = {}, total = own.reduce(function (s, o) { return s + 1 + o[1]; }, 0);
    (n.left || []).forEach(function (g) {
      if ((state.kind && g[2] !== state.kind) || !withinIssue(g[1]) || (state.day !== LAST && g[3] > state.day)) return;
      earlier[g[0]] = (earlier[g[0]] || 0) + g[4];
      total += g[4];
    });
    if (limit) {
      if (total) box.appendChild(el("div", total + " statements and actions of its own: click to read them", "more"));
      return box;
    }
    box.appendChild(el("h4", "Its statements and actions (" + total + ")"));
    var byIssue = {};
    own.forEach(function (o) { (byIssue[claims[o[0]].about] = byIssue[claims[o[0]].about] || []).push(o); });
    Object.keys(byIssue).sort().forEach(function (about) {
      box.appendChild(el("div", about, "who"));
      var items = byIssue[about], latest = items.slice(Math.max(items.length - MOST.own, 0));  // the latest are shown
      var hidden = items.concat([[0, (earlier[about] || 0) - 1]]).reduce(function (s, o) { return s + 1 + o[1]; }, 0)
        - latest.reduce(function (s, o) { return s + 1 + o[1]; }, 0);
      if (hidden > 0) box.appendChild(el("div", "… " + hidden + " earlier on " + about + " not shown", "more"));
      latest.forEach(function (o) {
        var item = claimItem(o[0], false), k = claims[o[0]];
        item.insertBefore(el("span", k.kind + ", " + k.stance + " · ", "quiet"), item.firstChild);
        if (o[1]) item.appendChild(el("span", " · the same words in " + plural(o[1], "other document"), "src"));
        box.appendChild(item);
      });
    });
    box.appendChild(el("h4", "Its lines (" + lines.length + ")"));
    lines.forEach(function (id) {
      var l = lineById[id];
      box.appendChild(button(lineHeading(l, shown.lines[id]), function () { pickLine(id); }, "pick"));
    });
    return box;
  }
  function describeIssue(n, box, lines, limit) {
    var stances = { supports: [], opposes: [], neutral: [], ambivalent: [] };
    lines.forEach(function (id) { var l = lineById[id]; (stances[l.stance] = stances[l.stance] || []).push(l); });
    var names = { supports: "Supports", opposes: "Opposes", neutral: "Abstains or neutral", ambivalent: "Ambivalent" };
    Object.keys(stances).forEach(function (s) {
      box.appendChild(el("h4", names[s] + " (" + stances[s].length + ")"));
      stances[s].sort(function (a, b) { return byId[a.from].label < byId[b.from].label ? -1 : 1; }).forEach(function (l) {
        box.appendChild(limit ? el("div", byId[l.from].label) : button(byId[l.from].label, function () { pick(l.from); }, "pick"));
        if (!limit) lineClaims(l.id).forEach(function (c) { box.appendChild(evidenceItem(c, false)); });
      });
    });
    return box;
  }

  // --- the panel: beside the graph, or a sheet over it on a phone ---------------------------------
  var phone = window.matchMedia("(max-width: 700px)");
  var details = $("details"), current = null;
  function openSheet(open) {
    document.body.classList.toggle("sheet-open", open);
    $("panel-toggle").setAttribute("aria-expanded", String(open));
  }
  $("panel-toggle").addEventListener("click", function () { openSheet(!document.body.classList.contains("sheet-open")); });
  $("panel-close").addEventListener("click", function () { openSheet(false); $("panel-toggle").focus(); });
  function show(what, sheet) {
    current = what;
    details.replaceChildren(what.node ? describeNode(byId[what.node], 0) : describeLine(lineById[what.line], 0));
    if (sheet && phone.matches) openSheet(true);
    $("details-heading").scrollIntoView({ block: "start" });  // wherever the panel was scrolled
  }
  function clearDetails() {
    current = null;
    details.replaceChildren(el("p", "Hover over a line or an actor for its evidence; click or tap to keep it here.", "hint"));
  }
  function pick(id, sheet) {
    state.selected = [id];
    apply();
    network.selectNodes([id]);
    show({ node: id }, sheet);
    if (!sheet) glide(function () { network.focus(id, { scale: Math.max(network.getScale(), 1) }); });
    // on a phone the sheet covers the lower part: the actor moves up into the part left in sight
    else if (phone.matches) glide(function () { network.focus(id, { scale: network.getScale(), offset: { x: 0, y: -stage.clientHeight * 0.3 } }); });
  }
  function pickLine(id) {
    state.selected = [lineById[id].from, lineById[id].to];
    apply();
    network.selectEdges([id]);
    show({ line: id }, true);
  }
  function centreOn(ids) {
    ids = ids.filter(function (id, i) { return shown.nodes[id] && ids.indexOf(id) === i; });
    if (!ids.length) return;
    state.selected = ids;
    apply();
    network.selectNodes(ids);
    glide(function () { network.fit({ nodes: ids, animation: false, maxZoomLevel: 1.5 }); });
  }

  // --- the tooltip: ours, so that it goes away whenever the pointer does --------------------------
  var tip = $("tip");
  function hideTip() { tip.hidden = true; tip.replaceChildren(); }
  function showTip(box, pointer) {
    tip.replaceChildren(box);
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight, x = pointer.x + 14, y = pointer.y + 14;
    if (x + w > stage.clientWidth - 4) x = Math.max(4, pointer.x - w - 14);
    if (y + h > stage.clientHeight - 4) y = Math.max(4, stage.clientHeight - h - 4);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  // --- finding an actor ---------------------------------------------------------------------------
  function normalise(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\u2019/g, "'").replace(/\s+/g, " ").trim();
  }
  var search = $("search"), matches = $("matches");
  function find(text) {
    var q = normalise(text);
    if (!q) return [];
    var found = data.nodes.filter(function (n) {
      return n.type !== "issue" && (n.names || []).some(function (name) { return name.indexOf(q) >= 0; });
    });
    found.sort(function (a, b) {  // names that begin with the text first, then those in view
      var sa = a.names.some(function (x) { return x.indexOf(q) === 0; }), sb = b.names.some(function (x) { return x.indexOf(q) === 0; });
      if (sa !== sb) return sa ? -1 : 1;
      if (!!shown.nodes[a.id] !== !!shown.nodes[b.id]) return shown.nodes[a.id] ? -1 : 1;
      return a.label < b.label ? -1 : 1;
    });
    return found.slice(0, 8);
  }
  function listMatches() {
    matches.replaceChildren();
    find(search.value).forEach(function (n) {
      var li = el("li"), b = button(n.label, function () { choose(n); });
      if (!shown.nodes[n.id]) b.appendChild(el("span", " (not in view " + (state.day === LAST ? "with these filters" : "on this day") + ")", "away"));
      li.appendChild(b);
      matches.appendChild(li);
    });
  }
  function choose(n) {
    matches.replaceChildren();
    search.value = n.label;
    if (!shown.nodes[n.id]) { state.issue = state.sign = state.relation = ""; state.kind = ""; state.day = LAST; syncControls(); apply(); }
    if (shown.nodes[n.id]) pick(n.id, false);
  }
  search.addEventListener("input", listMatches);
  search.addEventListener("keydown", function (e) {
    if (e.key === "Enter") { var first = find(search.value)[0]; if (first) choose(first); e.preventDefault(); }
    else if (e.key === "ArrowDown" && matches.firstChild) { matches.querySelector("button").focus(); e.preventDefault(); }
    else if (e.key === "Escape") { search.value = ""; matches.replaceChildren(); }
  });
  matches.addEventListener("keydown", function (e) {
    var items = Array.prototype.slice.call(matches.querySelectorAll("button")), at = items.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && at < items.length - 1) { items[at + 1].focus(); e.preventDefault(); }
    if (e.key === "ArrowUp") { (at > 0 ? items[at - 1] : search).focus(); e.preventDefault(); }
  });

  // --- lists: the contradictions in view, the actors in view, the table -----------------------------
  var lastLists = {};
  function listContradictions() {
    var holders = {};
    Object.keys(shown.contradictions).forEach(function (i) {
      var c = data.contradictions[i];
      c.holders.forEach(function (h) {  // each finding once: the tensions, not their pairs
        if (!shown.nodes[h]) return;
        var counts = holders[h] = holders[h] || {}, found = counts[c.label] = counts[c.label] || {};
        found[c.tension] = true;
      });
    });
    var ids = Object.keys(holders).sort(function (a, b) { return byId[a].label < byId[b].label ? -1 : 1; });
    var key = JSON.stringify(holders);
    if (lastLists.contradictions === key) return;
    lastLists.contradictions = key;
    var list = $("contradictions");
    list.replaceChildren();
    if (!ids.length) list.appendChild(el("p", "None held by the actors in view.", "hint"));
    ids.forEach(function (h) {
      var text = byId[h].label + ": " + Object.keys(holders[h]).sort().map(function (t) { return Object.keys(holders[h][t]).length + " × " + t; }).join(", ");
      list.appendChild(button("⚠ " + text, function () { pick(h, true); }));
    });
  }
  function foldedInto(id) { return shown.folded[id].map(function (b) { return byId[b].label; }).join(", "); }
  function listActors() {
    var ids = Object.keys(shown.nodes).filter(function (id) { return byId[id].type !== "issue"; })
      .sort(function (a, b) { return byId[a].label < byId[b].label ? -1 : 1; });
    var key = ids.map(function (id) { return id + (shown.folded[id] ? " " + shown.folded[id] : ""); }).join("\n");
    if (lastLists.actors === key) return;
    lastLists.actors = key;
    $("actors-box").querySelector("summary").textContent = "Actors in view (" + ids.length + ")";
    var list = $("actors");
    list.replaceChildren();
    ids.forEach(function (id) {
      var li = el("li");
      li.appendChild(button(byId[id].label + (shown.folded[id] ? " (folded into " + foldedInto(id) + ")" : ""), function () { pick(id, true); }));
      list.appendChild(li);
    });
  }
  function cell(row, content, head) {
    var c = el(head ? "th" : "td");
    if (typeof content === "string") c.textContent = content; else c.appendChild(content);
    row.appendChild(c);
  }
  function table() {
    var box = $("table"), t = el("table", null, "text");
    t.appendChild(el("caption", "Lines in view"));
    var head = el("tr");
    ["From", "Line", "To", "Evidence"].forEach(function (h) { cell(head, h, true); });
    t.appendChild(head);
    Object.keys(shown.lines).forEach(function (id) {
      var l = lineById[id], row = el("tr"), ev = el("div");
      lineClaims(id).forEach(function (c) { ev.appendChild(evidenceItem(c, false)); });
      cell(row, byId[l.from].label + (shown.folded[l.from] ? " (folded into " + foldedInto(l.from) + ")" : ""));
      cell(row, lineHeading(l, shown.lines[id]).split(": ").slice(1).join(": ") + " (" + (l.kind === "stance" ? l.stance : l.sign > 0 ? "positive" : "negative") + ")");
      cell(row, byId[l.to].label);
      cell(row, ev);
      t.appendChild(row);
    });
    var c = el("table", null, "text");
    c.appendChild(el("caption", "Contradictions in view"));
    var head2 = el("tr");
    ["Held by", "Contradiction", "Claims"].forEach(function (h) { cell(head2, h, true); });
    c.appendChild(head2);
    var pairs = Object.keys(shown.contradictions), lastOf = {}, rows = {};
    pairs.forEach(function (i) { lastOf[data.contradictions[i].tension] = i; });
    pairs.forEach(function (i) {
      var k = data.contradictions[i], row = el("tr"), ev = el("div");
      rows[k.tension] = (rows[k.tension] || 0) + 1;
      k.claims.forEach(function (x) { ev.appendChild(claimItem(x, true)); });
      cell(row, k.holders.map(function (h) { return byId[h].label; }).join(", "));
      cell(row, k.label + (k.note ? ": " + k.note : ""));
      cell(row, ev);
      c.appendChild(row);
      var left = shown.tensions[k.tension] - rows[k.tension];  // a finding's pairs the page does not carry
      if (lastOf[k.tension] === i && left > 0) {
        var gap = el("tr");
        cell(gap, "");
        cell(gap, "… " + left + " more pairs of claims of this finding (kg contradictions --pairs lists them all)");
        cell(gap, "");
        c.appendChild(gap);
      }
    });
    box.replaceChildren(t, c);
  }
  $("table-box").addEventListener("toggle", function () { if ($("table-box").open) table(); });

  // --- controls: filters, the day, fit, zoom, reset, PNG --------------------------------------------
  var kinds = { statement: "statements only", action: "actions only" };
  data.kinds.forEach(function (k) { if (k) $("f-kind").appendChild(new Option(kinds[k], k)); });
  Object.keys(data.issues).sort(function (a, b) { return data.issues[a].label < data.issues[b].label ? -1 : 1; })
    .forEach(function (i) { $("f-issue").appendChild(new Option(data.issues[i].label, i)); });
  if (data.issue) $("f-relation").appendChild(new Option("stances on the issue", "stance"));
  var day = $("day");
  day.max = String(LAST);
  function syncControls() {
    $("f-issue").value = state.issue; $("f-kind").value = state.kind; $("f-sign").value = state.sign;
    $("f-relation").value = state.relation; $("f-fold").checked = state.fold; day.value = String(state.day);
  }
  function refresh() { apply(); if (current && (current.node ? shown.nodes[current.node] : shown.lines[current.line])) show(current, false); }
  [["f-issue", "issue"], ["f-kind", "kind"], ["f-sign", "sign"], ["f-relation", "relation"]].forEach(function (f) {
    $(f[0]).addEventListener("change", function () { state[f[1]] = $(f[0]).value; refresh(); });
  });
  $("f-fold").addEventListener("change", function () { state.fold = $("f-fold").checked; refresh(); });
  day.addEventListener("input", function () { state.day = Number(day.value); refresh(); });

  function fit(animate) {
    if (animate) return glide(function () { network.fit({ animation: false }); });
    still();
    network.fit({ animation: false });
  }
  function zoom(factor) {
    var from = goal || here();  // a zoom during a move zooms from where that move ends
    glide(function () { network.moveTo({ scale: from.scale * factor, position: from.position }); });
  }
  function reset() {
    state = { day: LAST, kind: "", issue: "", sign: "", relation: "", fold: FOLD, selected: [] };
    syncControls();
    network.unselectAll();
    hideTip();
    clearDetails();
    search.value = "";
    matches.replaceChildren();
    apply();
    fit(true);
  }
  function png() {
    var canvas = $("graph").querySelector("canvas");
    return canvas.toDataURL("image/png");
  }
  // the drawing itself, once focused: arrow keys pan, + and − zoom, 0 fits, Escape clears the selection
  $("graph").addEventListener("keydown", function (e) {
    var step = 90 / network.getScale(), at = network.getViewPosition();
    var pan = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (pan) { still(); network.moveTo({ position: { x: at.x + pan[0], y: at.y + pan[1] } }); }
    else if (e.key === "+" || e.key === "=") zoom(1.4);
    else if (e.key === "-") zoom(1 / 1.4);
    else if (e.key === "0") fit(true);
    else if (e.key === "Escape") { state.selected = []; network.unselectAll(); apply(); }
    else return;
    e.preventDefault();
  });
  $("fit").addEventListener("click", function () { fit(true); });
  $("zoom-in").addEventListener("click", function () { zoom(1.4); });
  $("zoom-out").addEventListener("click", function () { zoom(1 / 1.4); });
  $("reset").addEventListener("click", reset);
  $("png").addEventListener("click", function () {
    var a = el("a");
    a.href = png();
    a.download = (data.title || "graph").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() + ".png";
    a.click();
  });

  // --- moves of the view --------------------------------------------------------------------------------
  // The page moves the view itself, a frame at a time: vis-network's animations (9.1.2) stop a little short of
  // their goal, and one begun before the last drew its first frame leaves that one running on every later
  // redraw, pulling the view off its goal.
  var MOVE_MS = 250, motion = null, goal = null;  // the frame asked for, and where the move under way ends
  function here() { return { scale: network.getScale(), position: network.getViewPosition() }; }
  function still() {
    if (motion !== null) cancelAnimationFrame(motion);
    motion = goal = null;
  }
  function glide(place) {  // place(): puts the view at once where the move is to end
    still();
    var from = here(), began = null;
    place();
    var to = here();
    network.moveTo(from);
    goal = to;
    function frame(now) {
      if (began === null) began = now;
      var t = Math.min(1, (now - began) / MOVE_MS), e = t < 0.5 ? 2 * t * t : -1 + (4 - 2 * t) * t;  // ease in and out
      network.moveTo(t === 1 ? to : { scale: from.scale + (to.scale - from.scale) * e, position: {
        x: from.position.x + (to.position.x - from.position.x) * e, y: from.position.y + (to.position.y - from.position.y) * e } });
      if (t < 1) motion = requestAnimationFrame(frame);
      else motion = goal = null;
    }
    motion = requestAnimationFrame(frame);
  }

  // --- start: draw once the loading note has been painted ---------------------------------------------
  function start() {
    $("graph").style.bottom = $("timeline").offsetHeight + "px";  // the slider's bar below the drawing, not over it
    // thousands of lines: while a reader drags or zooms, only the actors are drawn, so the picture follows the hand
    if (data.lines.length > 3000) data.options.interaction = Object.assign({}, data.options.interaction, { hideEdgesOnDrag: true, hideEdgesOnZoom: true });
    network = new vis.Network($("graph"), { nodes: nodes, edges: edges }, data.options);
    network.on("afterDrawing", drawKept);
    network.on("beforeDrawing", function (ctx) {  // a white ground, for the PNG
      ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore();
    });
    network.on("hoverNode", function (p) { showTip(describeNode(byId[p.node], 3), p.pointer.DOM); });
    network.on("hoverEdge", function (p) { if (shown.lines[p.edge]) showTip(describeLine(lineById[p.edge], 3), p.pointer.DOM); });
    ["blurNode", "blurEdge", "dragStart", "zoom", "click"].forEach(function (name) { network.on(name, hideTip); });
    ["dragStart", "zoom"].forEach(function (name) { network.on(name, still); });  // the reader's hand stops a move
    $("graph").addEventListener("pointerleave", hideTip);
    window.addEventListener("blur", hideTip);
    network.on("click", function (p) {
      if (p.nodes.length) pick(p.nodes[0], true);
      else if (p.edges.length) pickLine(p.edges[0]);
      else if (state.selected.length) { state.selected = []; apply(); }
    });
    apply();
    network.once("afterDrawing", function () {
      fit(false);
      document.body.setAttribute("data-state", "ready");
      window.kgReadyAt = performance.now();
    });
    network.redraw();
  }
  syncControls();
  window.requestAnimationFrame(function () { setTimeout(start, 0); });

  window.kgPage = {
    get network() { return network; }, nodes: nodes, edges: edges, data: data, png: png,
    shown: function () { return shown; }, kept: function () { return kept; }, describeNode: function (id) { return describeNode(byId[id], 0); },
    describeLine: function (id) { return describeLine(lineById[id], 0); },
    moving: function () { return motion !== null; }  // a move of the view is under way
  };
  window.kgGraph = window.kgPage;
})();
