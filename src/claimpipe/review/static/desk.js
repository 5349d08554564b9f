// claimpipe review, the claims desk: move through the queue and decide with the keyboard.
// A decision on a row is a decision on its whole group (POST /api/desk/decision). Untrusted text is only
// ever written with textContent; no HTML is built from data here.
"use strict";
(function () {
  const KEY = "claimpipe-post-key";
  let token = "";
  try { token = window.localStorage.getItem(KEY) || ""; } catch (err) { token = ""; }
  const rows = Array.from(document.querySelectorAll(".queue .qrow"));
  const STATUS = { accept: "accepted", reject: "rejected", pending: "pending" };
  let current = -1;
  const live = document.createElement("p");
  live.id = "desk-saved";
  live.setAttribute("role", "status");
  document.body.appendChild(live);

  function select(i) {
    if (!rows.length) return;
    i = Math.max(0, Math.min(rows.length - 1, i));
    if (current >= 0) rows[current].classList.remove("current");
    current = i;
    rows[i].classList.add("current");
    rows[i].scrollIntoView({ block: "nearest" });
  }

  function paint(row, reply) {
    row.dataset.decision = reply.decision;
    row.dataset.verdict = reply.verdict || "";
    row.classList.remove("st-accept", "st-reject", "st-pending");
    row.classList.add("st-" + reply.decision);
    const status = row.querySelector(".qstate .status");
    status.textContent = STATUS[reply.decision] || reply.decision;
    status.className = "badge status st-" + reply.decision;
    const verdict = row.querySelector(".qstate .verdict");
    verdict.textContent = reply.verdict || "";
    verdict.className = "badge verdict v-" + (reply.verdict || "none");
    row.querySelector(".qstate .seen").textContent = "";
  }

  function paintMembers(reply) {  // the group page lists every member
    document.querySelectorAll(".members .member").forEach((m) => {
      m.classList.remove("st-accept", "st-reject", "st-pending");
      m.classList.add("st-" + reply.decision);
      const status = m.querySelector(".qstate .status");
      status.textContent = STATUS[reply.decision] || reply.decision;
      status.className = "badge status st-" + reply.decision;
      const verdict = m.querySelector(".qstate .verdict");
      verdict.textContent = reply.verdict || "";
      verdict.className = "badge verdict v-" + (reply.verdict || "none");
      m.querySelector(".qstate .seen").textContent = "";
    });
  }

  async function decide(change) {
    if (current < 0) select(0);
    if (current < 0) return;
    const row = rows[current];
    const body = { gkey: row.dataset.gkey, decision: row.dataset.decision || "pending",
                   verdict: row.dataset.verdict || null };
    Object.assign(body, change);
    if (body.verdict && body.decision === "pending") body.decision = "accept";
    live.className = "";
    live.textContent = "saving…";
    try {
      const res = await fetch("/api/desk/decision", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Claimpipe-Token": token },
        body: JSON.stringify(body),
        credentials: "same-origin",
      });
      const reply = await res.json();
      if (!res.ok) {
        live.className = "error";
        live.textContent = "not saved: " + (reply.error || res.status);
        return;
      }
      paint(row, reply);
      paintMembers(reply);
      live.className = "ok";
      live.textContent = "saved: " + reply.members + (reply.members === 1 ? " claim" : " claims");
    } catch (err) {
      live.className = "error";
      live.textContent = "not saved: " + err;
    }
  }

  function open(selector) {
    if (current < 0) return;
    const link = rows[current].querySelector(selector);
    if (link) window.location.href = link.getAttribute("href");
  }

  const VERDICT_KEYS = { "1": "true", "2": "false", "3": "misleading", "4": "unverifiable" };
  document.addEventListener("keydown", (ev) => {
    const t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) {
      if (ev.key === "Escape") { t.blur(); ev.preventDefault(); }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const k = ev.key;
    let handled = true;
    if (k === "j") select(current + 1);
    else if (k === "k") select(current < 0 ? 0 : current - 1);
    else if (k === "a") decide({ decision: "accept" });
    else if (k === "r") decide({ decision: "reject" });
    else if (k === "u") decide({ decision: "pending", verdict: null });
    else if (k in VERDICT_KEYS) decide({ verdict: VERDICT_KEYS[k] });
    else if (k === "0") decide({ verdict: null });
    else if (k === "o" || k === "Enter") open(".qtext");
    else if (k === "g") open(".grp");
    else if (k === "/") { const s = document.getElementById("q"); if (s) s.focus(); }
    else if (k === "b" && document.getElementById("back")) window.location.href = "/";
    else handled = false;
    if (handled) ev.preventDefault();
  });
  rows.forEach((row, i) => row.addEventListener("click", (ev) => {
    if (!ev.target.closest("a")) select(i);
  }));
  document.querySelectorAll("button.split").forEach((b) => b.addEventListener("click", async () => {
    live.className = "";
    live.textContent = "splitting…";
    try {
      const res = await fetch("/api/desk/split", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Claimpipe-Token": token },
        body: JSON.stringify({ claim_id: b.dataset.claim }),
        credentials: "same-origin",
      });
      const reply = await res.json();
      if (!res.ok) { live.className = "error"; live.textContent = "not split: " + (reply.error || res.status); return; }
      live.className = "ok";
      live.textContent = "split off";
      b.closest(".member").remove();
    } catch (err) {
      live.className = "error";
      live.textContent = "not split: " + err;
    }
  }));
  if (rows.length && document.body.classList.contains("group-page")) select(0);
  document.body.dataset.ready = "1";
})();
