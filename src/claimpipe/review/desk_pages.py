"""The claims desk's pages: the queue (the review app's front door) and the group view.

Every value from the records is untrusted and goes through :func:`claimpipe.review.render.e` (HTML
escaping, bidi controls made visible), links are built with :func:`urllib.parse.quote` /
:meth:`Filters.url` and escaped again as attributes, and the pages run no inline script: the keys are
``static/desk.js``, which reads ``data-`` attributes and writes only ``textContent``.
"""

from __future__ import annotations

from typing import Optional
from urllib.parse import quote

from claimpipe.review import queue as q
from claimpipe.review.render import STATUS, doc_href, e, page, plural
from claimpipe.review.store import VERDICTS

HEAD = '<link rel="stylesheet" href="/static/review.css"><script src="/static/desk.js" defer></script>'
FACET_TITLES = {"status": "review", "verdict": "verdict", "kind": "kind", "modality": "modality",
                "speaker": "speaker", "entity": "entity", "doc": "article"}
DESK_KEYS = [
    ("j / k", "next / previous claim"), ("a", "accept (the whole group)"), ("r", "reject"), ("u", "back to pending"),
    ("1 2 3 4", "verdict true / false / misleading / unverifiable"), ("0", "clear the verdict"),
    ("o / Enter", "open in its article"), ("g", "open the group"), ("/", "search"),
]


def group_href(gkey: str) -> str:
    return "/group/" + quote(gkey, safe="")


def claim_href(doc_id: str, claim_id: str) -> str:
    return f"{doc_href(doc_id)}#claim-{quote(claim_id, safe='')}"


def keys_footer(keys=DESK_KEYS) -> str:
    items = "".join(f"<li><kbd>{e(k)}</kbd> {e(what)}</li>" for k, what in keys)
    return f'<footer class="keys" aria-label="keyboard shortcuts"><ul>{items}</ul></footer>'


def state_html(row: dict) -> str:
    """The decision badges of a row: status, verdict, and "seen before" when it is the group's."""
    decision = row.get("decision") or "pending"
    verdict = row.get("verdict") or ""
    seen = ""
    if row.get("inherited"):
        seen = f"seen before: {verdict or STATUS[decision]}"
    return (
        f'<span class="qstate"><span class="badge status st-{e(decision)}">{e(STATUS.get(decision, decision))}</span>'
        f'<span class="badge verdict v-{e(verdict or "none")}">{e(verdict)}</span>'
        f'<span class="seen">{e(seen)}</span></span>'
    )


def _who(row: dict) -> str:
    if row.get("speaker"):
        return f"said by {row['speaker']}"
    return f"author: {row['author']}" if row.get("author") else "author"


def row_html(row: dict, f: q.Filters) -> str:
    """One queue row: a claim, or a group shown once with its size and the articles it comes from."""
    size = row.get("group_size") or 1
    group = ""
    if size > 1:
        group = (f' · <a class="grp" href="{e(group_href(row["gkey"]))}">repeated: {size} claims, '
                 f'{plural(row.get("articles") or 1, "article")} here</a>')
    cw = row.get("cw")
    meta = " · ".join(e(x) for x in (row.get("kind"), row.get("modality"), _who(row)) if x)
    doc = f'<a class="qdoc" href="{e(f.url("/", doc=row["doc_id"]))}">{e(row.get("title"))}</a>'
    return (
        f'<li class="qrow st-{e(row.get("decision") or "pending")}" data-gkey="{e(row["gkey"])}" '
        f'data-claim="{e(row["claim_id"])}" data-size="{size}" data-verdict="{e(row.get("verdict") or "")}" '
        f'data-decision="{e(row.get("decision") or "pending")}">'
        f'<span class="cw" title="check-worthiness">{e(f"{cw:.2f}" if isinstance(cw, float) else "?")}</span>'
        f'<div class="qbody"><a class="qtext" href="{e(claim_href(row["doc_id"], row["claim_id"]))}">'
        f'{e(row.get("text"))}</a>'
        f'<p class="qmeta">{meta} · {doc} · <span class="day">{e(row.get("day") or "no date")}</span>{group}</p></div>'
        f"{state_html(row)}</li>"
    )


def _profile(facet: str, value: str) -> str:
    """A link to the entity's or speaker's page, beside its facet value."""
    if facet not in ("entity", "speaker"):
        return ""
    return f' <a class="profile" href="/{facet}/{e(quote(value, safe=""))}" title="its page">›</a>'


def facets_html(facets: dict, f: q.Filters) -> str:
    parts = []
    for name in q.FACETS:
        current = getattr(f, name)
        items = []
        for value, label, n in facets.get(name, []):
            on = current == value
            href = f.url("/", **{name: "" if on else value})
            items.append(
                f'<li{" class=on" if on else ""}><a href="{e(href)}"{" aria-current=true" if on else ""} '
                f'data-facet="{e(name)}" data-value="{e(value)}">{e(label)}</a> <span class="n">{n}{_profile(name, value)}'
                "</span></li>"
            )
        if current and not any(v == current for v, _, _ in facets.get(name, [])):
            label, sep, rest = current.partition(":")
            shown = f"{rest} ({label})" if name == "entity" and sep and label.isupper() else current
            items.insert(0, f'<li class=on><a href="{e(f.url("/", **{name: ""}))}" aria-current=true>'
                            f'{e(shown)}</a></li>')
        if items:
            parts.append(f'<section class="facet facet-{name}"><h3>{e(FACET_TITLES[name])}</h3><ul>{"".join(items)}</ul></section>')
    return f'<aside class="facets" aria-label="filters">{"".join(parts)}</aside>'


def _search_form(f: q.Filters) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{e(k)}" value="{e(v)}">' for k, v in f.active().items()
        if k not in ("q", "from", "to", "speaker", "entity")
    )
    sorts = "".join(
        f'<option value="{k}"{" selected" if f.sort == k else ""}>{label}</option>'
        for k, label in (("cw", "most check-worthy"), ("date", "newest"), ("article", "by article"))
    )
    return (
        '<form class="search" method="get" action="/" role="search">'
        f'<input type="search" name="q" id="q" value="{e(f.q)}" placeholder="search claims  ( / )" autocomplete="off">'
        f'<input type="text" name="entity" id="f-entity" value="{e(f.entity)}" placeholder="entity (GPE:Armenia)">'
        f'<input type="text" name="speaker" id="f-speaker-filter" value="{e(f.speaker)}" placeholder="speaker">'
        f'<input type="text" name="from" value="{e(f.date_from)}" placeholder="from YYYY-MM-DD" size="11">'
        f'<input type="text" name="to" value="{e(f.date_to)}" placeholder="to" size="11">'
        f'<select name="sort">{sorts}</select>{hidden}<button type="submit">filter</button></form>'
    )


def _chips(f: q.Filters) -> str:
    active = f.active()
    if not active:
        return ""
    chips = "".join(
        f'<a class="chip" href="{e(f.url("/", **{k: ""}))}" title="remove this filter">{e(k)}: {e(v)} ×</a>'
        for k, v in active.items()
    )
    return f'<p class="chips">{chips} <a href="/">clear all</a></p>'


def _pager(f: q.Filters, groups: int) -> str:
    last = max(1, -(-groups // q.PAGE_SIZE))
    prev = f'<a rel="prev" href="{e(f.url("/", page=f.page - 1))}">← previous</a>' if f.page > 1 else ""
    nxt = f'<a rel="next" href="{e(f.url("/", page=f.page + 1))}">next →</a>' if f.page < last else ""
    return f'<nav class="pager">{prev} <span>page {f.page} of {last}</span> {nxt}</nav>'


def queue_page(desk, f: q.Filters, *, folder: str, total: tuple[int, int], problems: str = "") -> str:
    """The queue: search and filters, facets with counts, one page of claims (groups once)."""
    rows, groups, claims = q.page(desk, f)
    facets = q.facets(desk, f)
    body_rows = "".join(row_html(r, f) for r in rows) or '<li class="empty">no claim matches</li>'
    header = (
        '<header class="top desk-top"><h1>claims desk</h1>'
        f'<p class="summary">{e(folder)}: {plural(total[0], "claim")} in {plural(total[1], "article")}. '
        f'<span id="matching">{plural(claims, "claim")} match ({plural(groups, "row")})</span> · '
        f'<a href="/articles">all articles</a></p>{_search_form(f)}{_chips(f)}</header>'
    )
    body = (
        f'{header}<div class="desk">{facets_html(facets, f)}<main>'
        f'<ol class="queue" start="{(f.page - 1) * q.PAGE_SIZE + 1}">{body_rows}</ol>{_pager(f, groups)}'
        f"{problems}</main></div>{keys_footer()}"
    )
    return page("claims desk · claimpipe review", body, head=HEAD, body_class="app desk-page")


def group_page(desk, gkey: str) -> Optional[str]:
    """A group (or one claim): every member with its article, date, speaker and decision."""
    members = desk.members(gkey)
    if not members:
        return None
    first = members[0]
    items = "".join(
        f'<li class="member st-{e(m["decision"])}" data-claim="{e(m["claim_id"])}">'
        f'<a class="qtext" href="{e(claim_href(m["doc_id"], m["claim_id"]))}">{e(m["text"])}</a>'
        f'<p class="qmeta">{e(m["title"])} · {e(m["day"] or "no date")} · {e(_who(m))} · '
        f'{e("own decision" if m["own"] else "no decision of its own")}</p>{state_html(m)}'
        + (f'<button type="button" class="split" data-claim="{e(m["claim_id"])}">split off</button>'
           if len(members) > 1 else "")
        + "</li>"
        for m in members
    )
    row = dict(first, gkey=gkey, articles=len({m["doc_id"] for m in members}))
    head = (
        f'<header class="top desk-top"><a href="/" id="back">← the queue</a>'
        f'<h1 class="title">{"Repeated claim" if len(members) > 1 else "Claim"}: {plural(len(members), "claim")} in '
        f'{plural(row["articles"], "article")}</h1>'
        f'<p class="summary">group id <code>{e(first["group_id"] or gkey)}</code>. A decision here applies to every '
        f"member, and is shown on members that later runs add (\"seen before\").</p></header>"
    )
    current = (f'<ol class="queue group-head">{row_html(row, q.Filters())}</ol>')
    body = f'{head}<main>{current}<h2>Members</h2><ul class="members">{items}</ul></main>{keys_footer()}'
    return page(f"group {gkey} · claimpipe review", body, head=HEAD, body_class="app desk-page group-page")


VERDICT_KEYS = {str(i): v for i, v in enumerate(VERDICTS, 1)}
