"""Entity and speaker pages of the claims desk: for one canonical entity (``/entity/LABEL:name``) or one
speaker (``/speaker/name``), its claims over time (a bar per month of the claims' dates, drawn as inline
SVG with presentation attributes only, so the strict Content-Security-Policy holds), its articles, and
what was decided. Every value is escaped (:func:`claimpipe.review.render.e`)."""

from __future__ import annotations

from typing import Optional
from urllib.parse import quote

from claimpipe.review import queue as q
from claimpipe.review.desk_pages import HEAD, claim_href, state_html
from claimpipe.review.render import doc_href, e, page, plural

BAR_W, BAR_GAP, HEIGHT = 14, 3, 90


def entity_href(value: str) -> str:
    return "/entity/" + quote(value, safe="")


def speaker_href(name: str) -> str:
    return "/speaker/" + quote(name, safe="")


def timeline_svg(buckets: list[tuple[str, int, int]]) -> str:
    """Bars of claims per month (the decided part darker); each bar's title says the month and counts."""
    if not buckets:
        return '<p class="timeline-empty">no dated claims</p>'
    top = max(n for _, n, _ in buckets) or 1
    width = len(buckets) * (BAR_W + BAR_GAP)
    bars = []
    for i, (month, n, decided) in enumerate(buckets):
        x = i * (BAR_W + BAR_GAP)
        h = max(2, round(n / top * HEIGHT))
        dh = round(decided / top * HEIGHT)
        bars.append(
            f'<g><title>{e(month)}: {plural(n, "claim")}, {decided} decided</title>'
            f'<rect x="{x}" y="{HEIGHT - h}" width="{BAR_W}" height="{h}" fill="#9db7e5"></rect>'
            f'<rect x="{x}" y="{HEIGHT - dh}" width="{BAR_W}" height="{dh}" fill="#2e9d4a"></rect></g>'
        )
    first, last = buckets[0][0], buckets[-1][0]
    return (
        f'<figure class="timeline"><svg role="img" aria-label="claims per month" width="{width}" height="{HEIGHT}" '
        f'viewBox="0 0 {width} {HEIGHT}">{"".join(bars)}</svg>'
        f"<figcaption>claims per month by their date, {e(first)} to {e(last)}; green: decided</figcaption></figure>"
    )


def profile_page(desk, *, kind: str, value: str) -> Optional[str]:
    """The page of an entity (``kind='entity'``, value ``LABEL:name`` or a name) or a speaker."""
    f = q.Filters(entity=value) if kind == "entity" else q.Filters(speaker=value)
    clause, params = q.where(f)
    claims, articles = desk.query(f"SELECT count(*), count(DISTINCT c.doc_id) FROM desk_claims c WHERE {clause}",
                                  params)[0]
    if not claims:
        return None
    buckets = desk.query(f"SELECT substr(c.day, 1, 7), count(*), sum(c.decision != 'pending') FROM desk_claims c "
                         f"WHERE {clause} AND c.day IS NOT NULL GROUP BY 1 ORDER BY 1", params)
    docs = desk.query(f"SELECT c.doc_id, c.title, c.dct, count(*) FROM desk_claims c WHERE {clause} GROUP BY 1 "
                      f"ORDER BY c.dct IS NULL, c.dct DESC, 2 LIMIT 50", params)
    decided = desk.query(f"SELECT c.claim_id, c.doc_id, c.text, c.decision, c.verdict, c.inherited, c.reviewer, "
                         f"c.decided_at FROM desk_claims c WHERE {clause} AND c.decision != 'pending' "
                         f"ORDER BY c.decided_at DESC LIMIT 50", params)
    tally = dict(desk.query(f"SELECT c.decision || coalesce(' ' || c.verdict, ''), count(*) FROM desk_claims c "
                            f"WHERE {clause} GROUP BY 1 ORDER BY 2 DESC", params))
    doc_items = "".join(
        f'<li><a href="{e(f.url("/", doc=d))}">{e(t)}</a> <span class="n">{e(dct or "no date")} · '
        f'{plural(n, "claim")}</span> · <a href="{e(doc_href(d))}">article</a></li>' for d, t, dct, n in docs)
    decided_items = "".join(
        f'<li class="member st-{e(dec)}"><a class="qtext" href="{e(claim_href(doc, cid))}">{e(text)}</a>'
        f'<p class="qmeta">{e(reviewer or "someone")}, {e((at or "")[:19])}</p>'
        f'{state_html({"decision": dec, "verdict": verdict, "inherited": inh})}</li>'
        for cid, doc, text, dec, verdict, inh, reviewer, at in decided) or "<li>nothing decided yet</li>"
    label = value.partition(":")[2] + f" ({value.partition(':')[0]})" if kind == "entity" and ":" in value else value
    summary = ", ".join(f"{n} {k}" for k, n in tally.items())
    body = (
        f'<header class="top desk-top"><a href="/" id="back">← the queue</a>'
        f'<h1 class="title">{e(kind)}: {e(label)}</h1>'
        f'<p class="summary">{plural(claims, "claim")} in {plural(articles, "article")}: {e(summary)} · '
        f'<a href="{e(f.url("/"))}">all of them in the queue</a></p></header>'
        f'<main>{timeline_svg(buckets)}<h2>Articles</h2><ul class="articles">{doc_items}</ul>'
        f'<h2>Decided</h2><ul class="members">{decided_items}</ul></main>'
    )
    return page(f"{kind} {label} · claimpipe review", body, head=HEAD, body_class="app desk-page profile-page")
