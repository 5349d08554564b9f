"""What every claimpipe component shares: its config and word lists, saved and restored with the pipeline.

A component is a class made by a registered factory (``@Language.factory("claimpipe_...", default_config=...)``)
whose config values arrive as keyword arguments and are kept in ``self.cfg``. The word lists it reads are
declared in ``LEXICONS`` (``{attribute: (lexicon file, tag or None)}``): they are read from
:mod:`claimpipe.lexicon` when the component is made, and ``nlp.to_disk`` writes them beside the config, so
``spacy.load`` of a saved pipeline gives the same annotations even if the shipped lists change later.
A component with weights adds them in ``_save`` / ``_restore``.

This follows spaCy's own rule-based components (``SpanRuler``: settings in ``cfg``, patterns as a file beside
it, ``initialize`` to load data, ``to_disk`` / ``from_disk`` / ``to_bytes`` / ``from_bytes``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, ClassVar, Iterable, Optional, Union

import srsly
from spacy.language import Language

from claimpipe import lexicon

PathLike = Union[str, Path]


class Component:
    """Base of claimpipe's components: ``cfg`` and the declared word lists, serialised with the pipeline."""

    LEXICONS: ClassVar[dict[str, tuple[str, Optional[str]]]] = {}

    def __init__(self, nlp: Language, name: str, **cfg: Any):
        self.name = name
        self.cfg = dict(cfg)
        for attribute, (file, tag) in self.LEXICONS.items():
            setattr(self, attribute, lexicon.words(file, tag))

    def initialize(self, get_examples: Optional[Callable[[], Iterable]] = None, *, nlp: Optional[Language] = None,
                   **settings: Any) -> None:
        """Nothing to learn: the shipped word lists are (re)read, so ``nlp.initialize()`` starts from them."""
        for attribute, (file, tag) in self.LEXICONS.items():
            setattr(self, attribute, lexicon.words(file, tag))

    # ---- serialisation (spaCy calls these from nlp.to_disk / spacy.load and nlp.to_bytes / from_bytes)

    def _lists(self) -> dict[str, list[str]]:
        return {attribute: sorted(getattr(self, attribute)) for attribute in self.LEXICONS}

    def _set_lists(self, lists: dict[str, list[str]]) -> None:
        for attribute in self.LEXICONS:
            if attribute in lists:
                setattr(self, attribute, frozenset(lists[attribute]))

    def to_disk(self, path: PathLike, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg", self.cfg)
        for attribute, words in self._lists().items():
            (path / f"{attribute}.txt").write_text("".join(f"{w}\n" for w in words), encoding="utf-8")
        self._save(path)

    def from_disk(self, path: PathLike, *, exclude: Iterable[str] = ()) -> "Component":
        path = Path(path)
        if (path / "cfg").exists():
            self.cfg.update(srsly.read_json(path / "cfg"))
        self._set_lists({attribute: (path / f"{attribute}.txt").read_text(encoding="utf-8").split("\n")[:-1]
                         for attribute in self.LEXICONS if (path / f"{attribute}.txt").exists()})
        self._restore(path)
        self._configure()
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"cfg": self.cfg, "lists": self._lists()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "Component":
        msg = srsly.msgpack_loads(data)
        self.cfg.update(msg.get("cfg", {}))
        self._set_lists(msg.get("lists", {}))
        self._configure()
        return self

    # ---- for subclasses

    def _save(self, path: Path) -> None:
        """Write weights or other data files into ``path`` (the component's folder)."""

    def _restore(self, path: Path) -> None:
        """Read what :meth:`_save` wrote."""

    def _configure(self) -> None:
        """Apply ``self.cfg`` after it was restored (e.g. choose a model variant)."""
