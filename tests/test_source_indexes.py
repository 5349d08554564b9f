"""The per-article indexes the claims' source rules look names and quotes up in (so that a long article costs the
same per word as a short one, ``benchmarks/bench_length.py``) give what a scan of the whole article gives."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, strategies as st


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=12), st.integers(-5, 100))
def test_inside_any_agrees_with_a_scan_of_every_range(ranges, at):
    from claimpipe.nlp.components.claims.source_marks import inside_any

    spans = [(a, a + n) for a, n in ranges]
    assert inside_any(spans)(at) == any(a <= at < b for a, b in spans)


def _ent(start: int, label: str, canonical: str):
    return SimpleNamespace(start=start, end=start + len(canonical), label=label, canonical=canonical)


def test_full_name_before_is_the_latest_person_of_that_surname_before_the_offset():
    from claimpipe.nlp.components.claims.source_persons import full_name_before, full_names, surname_org

    ents = [_ent(0, "PERSON", "Tom Hale"), _ent(40, "ORG", "Hale"), _ent(80, "PERSON", "Anna Hale"),
            _ent(120, "PERSON", "Hale"), _ent(150, "ORG", "Hale"), _ent(200, "GPE", "Kent Hale")]
    names = full_names(ents)
    assert full_name_before(names, "Hale", 40) == "Tom Hale"
    assert full_name_before(names, "Hale", 80) == "Tom Hale"  # a name starting at the offset is not before it
    assert full_name_before(names, "Hale", 81) == "Anna Hale"
    assert full_name_before(names, "Hale", 0) is None
    assert full_name_before(names, "Kent", 300) is None  # a last word only
    assert surname_org(ents[1], names) == "Tom Hale" and surname_org(ents[4], names) == "Anna Hale"
    other = full_names([_ent(0, "PERSON", "Ian Pryce")])  # another article's index
    assert surname_org(_ent(30, "ORG", "Pryce"), other) == "Ian Pryce" and full_name_before(other, "Hale", 100) is None
