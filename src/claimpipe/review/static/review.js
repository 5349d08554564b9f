// claimpipe review: select claims, decide with the keyboard, save to the app.
// Untrusted text is only ever written with textContent, bidi controls made visible; no HTML is built
// from data here.
"use strict";
(function () {
  // The page that answers the token URL hands over the POST key: kept in localStorage (which, unlike
  // cookies, browsers scope by port), never in a cookie; then on to the page asked for.
  const KEY = "claimpipe-post-key";
  const handed = document.querySelector('meta[name="claimpipe-key"]');
  if (handed) {
    try { window.localStorage.setItem(KEY, handed.content); } catch (err) { /* saving will say so */ }
    const next = document.querySelector('meta[name="claimpipe-next"]').content;
    window.location.replace(next.charAt(0) === "/" && next.charAt(1) !== "/" ? next : "/");
    return;
  }
  const dataNode = document.getElementById("claims-data");
  if (!dataNode) return;
  const data = JSON.parse(dataNode.textContent);
  let token = "";
  try { token = window.localStorage.getItem(KEY) || ""; } catch (err) { token = ""; }
  // bidi embeddings, overrides and isolates would reorder what is around them: show them instead
  const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
  const shown = (s) => String(s == null ? "" : s).replace(BIDI, (c) =>
    "\u27e8U+" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0") + "\u27e9");
  // as claimpipe.review.inputs.link: http(s), no space, control, bidi or other invisible character
  const LINK = /^https?:\/\/[^\s\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]+$/i;
  const claims = data.claims;
  const $ = (id) => document.getElementById(id);
  const field = { speaker: $("f-speaker"), dates: $("f-dates"), note: $("f-note"), evidence: $("f-evidence") };
  const STATUS = { accept: "accepted", reject: "rejected", pending: "pending" };
  let current = -1;

  function marksOf(id) {
    return document.querySelectorAll('.text [data-claim~="' + CSS.escape(id) + '"]');
  }
  function card(id) { return $("card-" + id); }

  function setVerdictRadios(v) {
    document.querySelectorAll('input[name="verdict"]').forEach((r) => { r.checked = r.value === (v || ""); });
  }
  function chosenVerdict() {
    const r = document.querySelector('input[name="verdict"]:checked');
    return r && r.value ? r.value : null;
  }

  function fill(c, i) {
    $("ed-num").textContent = "claim " + (i + 1) + " of " + claims.length;
    $("ed-text").textContent = shown(c.text);
    const status = $("ed-status");
    status.textContent = STATUS[c.decision] || c.decision;
    status.className = "badge status st-" + c.decision;
    field.speaker.value = c.speaker || "";
    field.dates.value = (c.dates || []).join(", ");
    field.note.value = c.note || "";
    field.evidence.value = c.evidence_url || "";
    setVerdictRadios(c.verdict);
    $("ed-saved").textContent = "";
  }

  function select(i, scroll) {
    if (!claims.length) return;
    i = Math.max(0, Math.min(claims.length - 1, i));
    document.querySelectorAll(".current").forEach((n) => n.classList.remove("current"));
    current = i;
    const c = claims[i];
    marksOf(c.claim_id).forEach((n) => n.classList.add("current"));
    const k = card(c.claim_id);
    if (k) k.classList.add("current");
    fill(c, i);
    if (scroll !== false) {
      const first = marksOf(c.claim_id)[0];
      if (first) first.scrollIntoView({ block: "center" });
      if (k) k.scrollIntoView({ block: "nearest" });
    }
  }

  function setStatusClass(node, decision) {
    if (!node) return;
    node.classList.remove("st-accept", "st-reject", "st-pending");
    node.classList.add("st-" + decision);
  }

  function showDecision(c, reply) {
    const k = card(c.claim_id);
    const d = reply.decision;
    setStatusClass(k, d.decision);
    marksOf(c.claim_id).forEach((n) => setStatusClass(n, d.decision));
    if (k) {
      const status = k.querySelector(".decision .status");
      status.textContent = STATUS[d.decision];
      setStatusClass(status, d.decision);
      const verdict = k.querySelector(".decision .verdict");
      verdict.textContent = shown(d.verdict);
      verdict.className = "badge verdict v-" + (d.verdict || "none");
      k.querySelector(".decision .note").textContent = shown(d.note);
      const ev = k.querySelector(".decision .evidence");
      ev.textContent = shown(d.evidence_url);
      if (ev.tagName === "A") ev.href = LINK.test(d.evidence_url || "") ? d.evidence_url : "#";
      k.querySelector(".decision .who").textContent = shown((d.reviewer || "someone") + ", " + d.time);
      k.querySelector(".f-source").textContent = shown(reply.source);
      k.querySelector(".f-dates").textContent = shown(reply.dates);
    }
    const counts = $("counts-" + data.doc_id);
    if (counts && reply.counts) counts.textContent = shown(reply.counts);
  }

  async function save(changes) {
    if (current < 0) { select(0); if (current < 0) return; }
    const c = claims[current];
    const body = {
      claim_id: c.claim_id,
      decision: c.decision,
      verdict: chosenVerdict(),
      note: field.note.value,
      evidence_url: field.evidence.value.trim(),
      speaker: field.speaker.value,
      dates: field.dates.value,
    };
    Object.assign(body, changes || {});
    if (body.verdict && body.decision === "pending") body.decision = "accept";
    const out = $("ed-saved");
    out.textContent = "saving…";
    let reply;
    try {
      const res = await fetch("/api/decision", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Claimpipe-Token": token },
        body: JSON.stringify(body),
        credentials: "same-origin",
      });
      reply = await res.json();
      if (!res.ok) {
        const again = res.status === 403 ? " (open the URL printed by claimpipe review again)" : "";
        out.textContent = shown("not saved: " + (reply.error || res.status) + again); out.className = "error"; return;
      }
    } catch (err) {
      out.textContent = shown("not saved: " + err); out.className = "error"; return;
    }
    Object.assign(c, reply.state);
    showDecision(c, reply);
    if (claims[current] === c) {
      const status = $("ed-status");
      status.textContent = STATUS[c.decision];
      status.className = "badge status st-" + c.decision;
      setVerdictRadios(c.verdict);
      out.className = "ok";
      out.textContent = "saved " + reply.decision.time.slice(11, 19);
    }
  }

  const VERDICT_KEYS = { "1": "true", "2": "false", "3": "misleading", "4": "unverifiable", "0": null };
  document.addEventListener("keydown", (ev) => {
    const t = ev.target;
    const typing = t && (t.tagName === "TEXTAREA" ||
      t.tagName === "INPUT" && !["radio", "checkbox", "button"].includes(t.type));
    if (typing) {
      if (ev.key === "Escape") { t.blur(); ev.preventDefault(); }
      else if (ev.key === "Enter" && (t.tagName === "INPUT" || ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); save(); }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const k = ev.key;
    let handled = true;
    if (k === "j") select(current + 1);
    else if (k === "k") select(current < 0 ? 0 : current - 1);
    else if (k === "a") save({ decision: "accept" });
    else if (k === "r") save({ decision: "reject" });
    else if (k === "u") save({ decision: "pending", verdict: null });
    else if (k in VERDICT_KEYS) { setVerdictRadios(VERDICT_KEYS[k]); save({ verdict: VERDICT_KEYS[k] }); }
    else if (k === "s") field.speaker.focus();
    else if (k === "d") field.dates.focus();
    else if (k === "n") field.note.focus();
    else if (k === "e") field.evidence.focus();
    else if (k === "Enter") save();
    else if (k === "b") window.location.href = "/";
    else handled = false;
    if (handled) ev.preventDefault();
  });

  $("btn-accept").addEventListener("click", () => save({ decision: "accept" }));
  $("btn-reject").addEventListener("click", () => save({ decision: "reject" }));
  $("btn-pending").addEventListener("click", () => save({ decision: "pending", verdict: null }));
  $("btn-save").addEventListener("click", () => save());
  document.querySelectorAll('input[name="verdict"]').forEach((r) =>
    r.addEventListener("change", () => { r.blur(); save({ verdict: r.value || null }); }));

  function indexOf(id) { return claims.findIndex((c) => c.claim_id === id); }
  document.querySelector(".text").addEventListener("click", (ev) => {
    const m = ev.target.closest("[data-claim]");
    if (m) select(indexOf(m.dataset.claim.split(" ")[0]), false);
  });
  document.querySelectorAll(".claims .card[data-claim]").forEach((k) =>
    k.addEventListener("click", (ev) => {
      if (ev.target.closest("a.evidence")) return;
      select(indexOf(k.dataset.claim));
    }));
  const fromHash = indexOf((window.location.hash || "").replace(/^#claim-/, ""));
  if (fromHash >= 0) select(fromHash);
  document.body.dataset.ready = "1";
})();
