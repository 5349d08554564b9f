"""The HTML article view, shared by the review app and the static report.

Article text and every field of every record are untrusted: all of it goes through
:func:`html.escape` (text and attributes alike), bidi control characters are shown as visible
``⟨U+202E⟩`` instead of reordering what is around them, and URLs are only made links when they are
http(s) with no space, control or bidi character (:func:`claimpipe.review.inputs.link`). Marks may nest and overlap (a date inside an entity inside a claim, a quote across two
claims), so the text is cut at every mark boundary and each piece is wrapped in one ``<span>``
whose classes say which marks cover it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from importlib import resources
from typing import Iterable, Optional
from urllib.parse import quote as urlquote

from claimpipe.schema import ReviewDecision
from claimpipe.review.inputs import link, show_bidi
from claimpipe.review.store import Corpus, claim_speaker, correction

STATUS = {"accept": "accepted", "reject": "rejected", "pending": "pending"}


def e(value) -> str:
    """Escape any value for HTML text or a quoted attribute, bidi controls made visible."""
    return escape(show_bidi("" if value is None else str(value)), quote=True)


def _cls(value: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in str(value))


def safe_url(url: Optional[str]) -> Optional[str]:
    """The URL when it may be a link: http(s), no space, control or bidi character; else None."""
    return link(url)


def static_text(name: str) -> str:
    """A file of the package's static folder."""
    return resources.files("claimpipe.review").joinpath("static", name).read_text(encoding="utf-8")


def json_for_html(data) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no '<', '>' or '&' left raw."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def plural(n: int, word: str, many: Optional[str] = None) -> str:
    """'1 article', '2 articles'."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def doc_href(doc_id: str) -> str:
    return "/doc/" + urlquote(str(doc_id), safe="")


# ---------------------------------------------------------------------------------------- marks


def _marks(doc: dict, claims: list[dict], decisions: dict[str, ReviewDecision]) -> list[tuple]:
    """(start, end, kind, info) for every claim, entity, date, quote, speaker and cue of a document."""
    marks = []
    for c in claims:
        d = decisions.get(c["claim_id"])
        marks.append((c["start"], c["end"], "claim", {"id": c["claim_id"], "status": d.decision if d else "pending"}))
    for m in doc.get("entities") or []:
        marks.append((m.get("start"), m.get("end"), "ent", m))
    for m in doc.get("dates") or []:
        marks.append((m.get("start"), m.get("end"), "date", m))
    for q in doc.get("quotes") or []:
        marks.append((q.get("start"), q.get("end"), "quote", q))
        for part in ("speaker", "cue"):
            sub = q.get(part)
            if isinstance(sub, dict):
                marks.append((sub.get("start"), sub.get("end"), part, sub))
    n = len(doc["text"])
    return [m for m in marks if isinstance(m[0], int) and isinstance(m[1], int) and 0 <= m[0] < m[1] <= n]


def _speaker_name(quote: dict) -> Optional[str]:
    speaker = quote.get("speaker")
    if isinstance(speaker, dict):
        return speaker.get("name") or speaker.get("text")
    return None


def _piece(text: str, active: list[tuple]) -> str:
    if not active:
        return e(text)
    classes, claim_ids, titles = ["m"], [], []
    for _, _, kind, info in active:
        if kind == "claim":
            classes += ["claim", "st-" + _cls(info["status"])]
            claim_ids.append(info["id"])
        elif kind == "ent":
            classes += ["ent", "ent-" + _cls(info.get("label", ""))]
            titles.append(f"{info.get('label', '')}: {info.get('canonical') or info.get('text', '')}")
        elif kind == "date":
            classes.append("date")
            value = info.get("value") or "not normalised"
            mod = f" ({info['mod']})" if info.get("mod") else ""
            titles.append(f"{info.get('type', 'DATE')} {value}{mod}")
        elif kind == "quote":
            classes += ["quote", "quote-" + _cls(info.get("kind", ""))]
            titles.append(f"{info.get('kind', '')} quote, said by {_speaker_name(info) or 'unknown speaker'}")
        else:
            classes.append(kind)
            if kind == "speaker":
                titles.append(f"speaker: {info.get('name') or info.get('text', '')}")
    attrs = f' class="{e(" ".join(dict.fromkeys(classes)))}"'
    if claim_ids:
        attrs += f' data-claim="{e(" ".join(claim_ids))}"'
    if titles:
        attrs += f' title="{e(chr(10).join(titles))}"'
    return f"<span{attrs}>{e(text)}</span>"


def _tag(kind: str, info: dict) -> str:
    if kind == "ent":
        return f'<span class="tag tag-ent" aria-hidden="true">{e(info.get("label", ""))}</span>'
    if kind == "date":
        value = info.get("value") or "?"
        if info.get("mod"):
            value += f" {info['mod']}"
        return f'<span class="tag tag-date">{e(value)}</span>'
    if kind == "quote":
        return f'<span class="tag tag-quote">— {e(_speaker_name(info) or "unknown speaker")}</span>'
    return ""


def marked_text(doc: dict, claims: list[dict], decisions: dict[str, ReviewDecision]) -> str:
    """The document text as HTML with every mark wrapped; labels, date values and speakers as tags."""
    text = doc["text"]
    marks = _marks(doc, claims, decisions)
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    starts: dict[int, list[tuple]] = {}
    ends: dict[int, list[tuple]] = {}
    for m in marks:
        starts.setdefault(m[0], []).append(m)
        ends.setdefault(m[1], []).append(m)
    order = {"claim": 0, "quote": 1, "speaker": 2, "cue": 2, "ent": 3, "date": 4}
    active: list[tuple] = []
    out = []
    for a, b in zip(cuts, cuts[1:]):
        for m in starts.get(a, []):
            active.append(m)
            if m[2] == "claim":
                out.append(f'<span class="anchor" id="claim-{e(m[3]["id"])}"></span>')
        active.sort(key=lambda m: order.get(m[2], 9))
        out.append(_piece(text[a:b], active))
        for m in sorted(ends.get(b, []), key=lambda m: -order.get(m[2], 9)):
            active.remove(m)
            out.append(_tag(m[2], m[3]))
    return "".join(out)


# ---------------------------------------------------------------------------------------- claims


def _source_text(claim: dict, decision: Optional[ReviewDecision]) -> str:
    source = claim.get("source") or {}
    extracted = claim_speaker(claim)
    fixed = correction(decision, "speaker")
    who = f"{source.get('type', 'author')}: {extracted or 'unknown'}"
    if fixed:
        return f"{fixed} (corrected; extracted {who})"
    return who


def _dates_text(claim: dict, decision: Optional[ReviewDecision]) -> str:
    fixed = correction(decision, "dates")
    extracted = "; ".join(
        f"{d.get('text', '')} → {d.get('value') or '?'}" + (f" {d['mod']}" if d.get("mod") else "")
        for d in claim.get("dates") or []
    )
    if fixed is not None:
        shown = ", ".join(fixed) if isinstance(fixed, list) else str(fixed)
        return f"{shown or 'none'} (corrected; extracted {extracted or 'none'})"
    return extracted or "none"


def _list(items: Iterable[str]) -> str:
    items = [i for i in items if i]
    return "; ".join(items) if items else "none"


def decision_html(decision: Optional[ReviewDecision], *, orphaned: bool = False) -> str:
    """The decision block of a claim card; the same elements always exist so the app can fill them."""
    d = decision
    status = STATUS[d.decision] if d else "pending"
    url = safe_url(d.evidence_url) if d else None
    evidence = (
        f'<a class="evidence" href="{e(url)}" rel="noopener noreferrer" target="_blank">{e(url)}</a>'
        if url else f'<span class="evidence">{e(d.evidence_url if d else "")}</span>'
    )
    who = f"{d.reviewer or 'someone'}, {d.time}" if d else ""
    return (
        '<div class="decision">'
        + (f'<span class="badge orphaned">orphaned</span>' if orphaned else "")
        + f'<span class="badge status st-{e(d.decision if d else "pending")}">{e(status)}</span>'
        + f'<span class="badge verdict v-{e(d.verdict if d and d.verdict else "none")}">'
        + f'{e(d.verdict if d and d.verdict else "")}</span>'
        + f'<p class="note">{e(d.note if d else "")}</p>'
        + f"<p class=\"evidence-line\">{evidence}</p>"
        + f'<p class="who">{e(who)}</p>'
        + "</div>"
    )


def claim_card(claim: dict, decision: Optional[ReviewDecision], number: int) -> str:
    """One claim with its kind, modality, source, check-worthiness, mentions and decision."""
    cw = claim.get("checkworthiness")
    cw_html = (
        f'<meter min="0" max="1" value="{e(cw)}"></meter> {e(f"{cw:.2f}")}' if isinstance(cw, (int, float)) else "?"
    )
    entities = _list(f"{m.get('text', '')} ({m.get('label', '')})" for m in claim.get("entities") or [])
    quotes = _list(
        f"“{q.get('text', '')}” — {_speaker_name(q) or 'unknown speaker'}"
        + (f" ({q['cue']['text']})" if isinstance(q.get("cue"), dict) and q["cue"].get("text") else "")
        for q in claim.get("quotes") or []
    )
    quantities = _list(
        f"{q.get('text', '')} = {q.get('amount', '')} {q.get('unit') or ''}".strip()
        for q in claim.get("quantities") or []
    )
    status = decision.decision if decision else "pending"
    facts = [
        ("kind", "f-kind", claim.get("kind", "")),
        ("modality", "f-modality", claim.get("modality", "")),
        ("source", "f-source", _source_text(claim, decision)),
        ("dates", "f-dates", _dates_text(claim, decision)),
        ("entities", "f-entities", entities),
        ("quotes", "f-quotes", quotes),
        ("quantities", "f-quantities", quantities),
    ]
    rows = "".join(f'<dt>{e(name)}</dt><dd class="{cls}">{e(value)}</dd>' for name, cls, value in facts)
    rows += f'<dt>check-worthiness</dt><dd class="f-cw">{cw_html}</dd>'
    return (
        f'<li class="claim card st-{e(status)}" id="card-{e(claim["claim_id"])}" data-claim="{e(claim["claim_id"])}">'
        f'<p class="claim-text"><a href="#claim-{e(claim["claim_id"])}" class="num">{number}</a> {e(claim.get("text", ""))}</p>'
        f'<dl class="facts">{rows}</dl>'
        f"{decision_html(decision)}"
        "</li>"
    )


def orphan_card(decision: ReviewDecision) -> str:
    """A decision whose claim is no longer extracted: kept, and shown as orphaned."""
    return (
        f'<li class="claim card orphan st-{e(decision.decision)}" data-orphan="{e(decision.claim_id)}">'
        f'<p class="claim-text">{e(decision.claim_text or "(claim text not recorded)")}</p>'
        f'<p class="who">claim id {e(decision.claim_id)} is not in claims.jsonl any more</p>'
        f"{decision_html(decision, orphaned=True)}"
        "</li>"
    )


# ---------------------------------------------------------------------------------------- pages


LEGEND = (  # the checkboxes switch layers off through CSS :has(), so they work in the script-less report too
    '<p class="legend"><label><input type="checkbox" class="tg-claim" checked> <span class="m claim">claims</span></label> '
    '<label><input type="checkbox" class="tg-ent" checked> <span class="m ent">entities</span>'
    '<span class="tag tag-ent">LABEL</span></label> '
    '<label><input type="checkbox" class="tg-date" checked> <span class="m date">dates</span>'
    '<span class="tag tag-date">value</span></label> '
    '<label><input type="checkbox" class="tg-quote" checked> <span class="m quote">quotes</span>'
    '<span class="tag tag-quote">— speaker</span> <span class="m speaker">speaker</span> '
    '<span class="m cue">cue</span></label></p>'
)


def _counts_line(counts: dict[str, int]) -> str:
    return (
        f'{plural(counts["claims"], "claim")}, {plural(counts["entities"], "entity", "entities")}, '
        f'{plural(counts["dates"], "date")}, {plural(counts["quotes"], "quote")}; '
        f'{counts["decided"]} of {counts["claims"]} decided '
        f'({counts["accepted"]} accepted, {counts["rejected"]} rejected), {plural(counts["verdicts"], "verdict")}'
        + (f', {counts["orphaned"]} orphaned' if counts["orphaned"] else "")
    )


def article_header(corpus: Corpus, doc_id: str, *, heading: str = "h1") -> str:
    doc = corpus.documents[doc_id]
    meta = [
        ("source", doc.get("source")),
        ("date", doc.get("dct")),
        ("author", doc.get("author")),
        ("doc id", doc_id),
    ]
    items = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in meta if v)
    url = safe_url(doc.get("url"))
    if url:
        items += f'<dt>url</dt><dd><a href="{e(url)}" rel="noopener noreferrer" target="_blank">{e(url)}</a></dd>'
    title = doc.get("title") or doc.get("source") or doc_id
    return (
        f'<{heading} class="title">{e(title)}</{heading}>'
        f'<dl class="meta">{items}</dl>'
        f'<p class="counts" id="counts-{e(doc_id)}">{e(_counts_line(corpus.counts(doc_id)))}</p>'
    )


def article_body(corpus: Corpus, doc_id: str, *, editor: str = "") -> str:
    """The text with its marks beside the claim panel (``editor`` goes on top of the panel)."""
    doc = corpus.documents[doc_id]
    claims = corpus.claims.get(doc_id, [])
    cards = "".join(claim_card(c, corpus.decisions.get(c["claim_id"]), i) for i, c in enumerate(claims, 1))
    orphans = corpus.orphans(doc_id)
    orphan_html = (
        f'<h3>Orphaned decisions</h3><ul class="claims orphans">{"".join(orphan_card(d) for d in orphans)}</ul>'
        if orphans else ""
    )
    cards = cards or '<li class="empty">no claims extracted</li>'
    return (
        '<div class="article">'
        f'<div class="text-col">{LEGEND}<div class="text" lang="en">{marked_text(doc, claims, corpus.decisions)}</div></div>'
        f'<aside class="panel">{editor}<div class="cards"><h3>Claims</h3>'
        f'<ol class="claims">{cards}</ol>{orphan_html}</div></aside>'
        "</div>"
    )


def page(title: str, body: str, *, head: str = "", body_class: str = "") -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
        f"<title>{e(title)}</title>{head}</head>"
        f'<body class="{e(body_class)}">{body}</body></html>\n'
    )


def index_rows(corpus: Corpus, link) -> str:
    rows = []
    for doc_id, doc in corpus.documents.items():
        c = corpus.counts(doc_id)
        title = doc.get("title") or doc.get("source") or doc_id
        rows.append(
            f'<tr data-doc="{e(doc_id)}"><td><a href="{e(link(doc_id))}">{e(title)}</a>'
            f'<div class="src">{e(doc.get("source", ""))}</div></td>'
            f'<td class="n">{c["claims"]}</td><td class="n">{c["entities"]}</td>'
            f'<td class="n">{c["dates"]}</td><td class="n">{c["quotes"]}</td>'
            f'<td class="progress"><progress max="{max(c["claims"], 1)}" value="{c["decided"]}"></progress> '
            f'<span class="done">{c["decided"]}/{c["claims"]}</span></td>'
            f'<td class="n">{c["verdicts"]}</td><td class="n">{c["orphaned"] or ""}</td></tr>'
        )
    return (
        '<table class="docs"><thead><tr><th>article</th><th>claims</th><th>entities</th><th>dates</th>'
        "<th>quotes</th><th>reviewed</th><th>verdicts</th><th>orphaned</th></tr></thead>"
        f'<tbody>{"".join(rows) or "<tr><td colspan=8>no documents.jsonl records here</td></tr>"}</tbody></table>'
    )


def homeless_html(corpus: Corpus) -> str:
    """Orphaned decisions of articles that are no longer extracted at all."""
    homeless = corpus.homeless()
    if not homeless:
        return ""
    return (
        f'<section class="homeless"><h2>Orphaned decisions of articles no longer extracted</h2>'
        f'<ul class="claims orphans">{"".join(orphan_card(d) for d in homeless)}</ul></section>'
    )


def problems_html(corpus: Corpus) -> str:
    if not corpus.problems:
        return ""
    items = "".join(f"<li>{e(p)}</li>" for p in corpus.problems[:50])
    return f'<details class="problems"><summary>{plural(len(corpus.problems), "line")} skipped: not valid records</summary><ul>{items}</ul></details>'


def report(corpus: Corpus) -> str:
    """One self-contained, read-only HTML file: every article with its marks, claims and decisions.

    No script at all; the only style is inline and pinned by its hash in the page's
    Content-Security-Policy, so a hostile article can run nothing even if escaping failed.
    """
    css = static_text("review.css")
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; base-uri 'none'; form-action 'none'"
    head = f'<meta http-equiv="Content-Security-Policy" content="{e(csp)}"><style>{css}</style>'
    sections = []
    for doc_id in corpus.documents:
        sections.append(
            f'<section class="doc" id="doc-{e(doc_id)}">{article_header(corpus, doc_id, heading="h2")}'
            f"{article_body(corpus, doc_id)}</section>"
        )
    body = (
        f'<header class="top"><h1>claimpipe review report</h1><p>{e(str(corpus.folder))}: '
        f"{plural(len(corpus.documents), 'article')}, {plural(sum(len(c) for c in corpus.claims.values()), 'claim')}, "
        f"{plural(len(corpus.decisions), 'decision')}</p></header>"
        f'<main class="report">{index_rows(corpus, lambda d: "#doc-" + d)}{problems_html(corpus)}'
        f"{homeless_html(corpus)}"
        + "".join(sections)
        + "</main>"
    )
    return page("claimpipe review report", body, head=head, body_class="report")
