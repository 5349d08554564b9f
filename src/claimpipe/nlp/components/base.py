"""What every claimpipe component shares: its config and word lists, saved and restored with the pipeline.

A component is a class made by a registered factory (``@Language.factory("claimpipe_...", default_config=...)``)
whose config values arrive as keyword arguments and are kept in ``self.cfg``. The word lists it reads are
declared in ``LEXICONS`` (``{attribute: (lexicon file, tag or None)}``): they are read from
:mod:`claimpipe.lexicon` when the component is made (or by the component's own :meth:`Component._read_list`,
for a file of another format), and ``nlp.to_disk`` writes them beside the config, so ``spacy.load`` of a
saved pipeline gives the same annotations even if the shipped lists change later. A component with weights
adds them in ``_save`` / ``_restore``; one that derives state from ``cfg`` or its lists does so in
``_configure``, which runs after they were restored or re-read.

This follows spaCy's own rule-based components (``SpanRuler``: settings in ``cfg``, patterns as a file beside
it, ``initialize`` to load data, ``to_disk`` / ``from_disk`` / ``to_bytes`` / ``from_bytes``).
"""

from __future__ import annotations

import tempfile
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
        self._read_lists()

    def initialize(self, get_examples: Optional[Callable[[], Iterable]] = None, *, nlp: Optional[Language] = None,
                   **settings: Any) -> None:
        """Nothing to learn: the shipped word lists are (re)read, so ``nlp.initialize()`` starts from them."""
        self._read_lists()
        self._configure()

    def _read_lists(self) -> None:
        for attribute, (file, tag) in self.LEXICONS.items():
            setattr(self, attribute, self._read_list(file, tag))

    def _read_list(self, file: str, tag: Optional[str]) -> frozenset[str]:
        """The shipped list ``file`` (its entries with ``tag`` when given), as :mod:`claimpipe.lexicon` reads it."""
        return lexicon.words(file, tag)

    # ---- serialisation (spaCy calls these from nlp.to_disk / spacy.load and nlp.to_bytes / from_bytes)

    def _lists(self) -> dict[str, list[str]]:
        return {attribute: sorted(getattr(self, attribute)) for attribute in self.LEXICONS}

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
        for attribute in self.LEXICONS:
            file = path / f"{attribute}.txt"
            if file.exists():
                setattr(self, attribute, frozenset(file.read_text(encoding="utf-8").split("\n")[:-1]))
        self._restore(path)
        self._configure()
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """What :meth:`to_disk` writes (config, lists, weights), as ``{file name: content}`` in msgpack."""
        with tempfile.TemporaryDirectory() as tmp:
            self.to_disk(tmp, exclude=exclude)
            files = {str(f.relative_to(tmp)): f.read_bytes() for f in sorted(Path(tmp).rglob("*")) if f.is_file()}
        return srsly.msgpack_dumps(files)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "Component":
        with tempfile.TemporaryDirectory() as tmp:
            for name, content in srsly.msgpack_loads(data).items():
                target = Path(tmp, name)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            return self.from_disk(tmp, exclude=exclude)

    # ---- for subclasses

    def _save(self, path: Path) -> None:
        """Write weights or other data files into ``path`` (the component's folder)."""

    def _restore(self, path: Path) -> None:
        """Read what :meth:`_save` wrote."""

    def _configure(self) -> None:
        """Apply ``self.cfg`` and the lists after they were restored or re-read (e.g. choose a model variant)."""
