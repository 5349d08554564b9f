"""The ``claimpipe_claims`` spaCy component: writes ``doc._.claimpipe_claims`` (see :mod:`.extract`).

Config (``nlp.add_pipe("claimpipe_claims", config={...})``):

- ``threshold``: the check-worthiness a sentence needs to become a claim; None: the model's own threshold.
- ``model``: the check-worthiness model, ``"tensor"`` (also reads the token vectors of the pipeline it was
  trained with), ``"lexical"`` (any pipeline) or ``"auto"``: ``tensor`` when the pipeline's ``tok2vec`` is the
  very network it was trained on (same weights, :func:`.checkworthiness.vectors_fingerprint`), else ``lexical``.

- ``checkworthiness``: the tier, ``"accurate"`` (the default: a cascade: the fast model scores every sentence,
  and those it is unsure of, from the encoder's ``cascade_threshold`` up to its ``cascade_upper``, are scored
  again by the fine-tuned int8 sentence encoder of :mod:`.encoder`, whose score and threshold then count;
  those under the lower cut score 0, those from the upper one keep the fast score) or ``"fast"`` (the
  ``model`` above scores every sentence). ``accurate`` needs ``onnxruntime`` and ``tokenizers`` (dependencies).
- ``speaker_names``: True (the default): the quotes' speaker names become the ones the claims' source rules read
  for the same mentions (:mod:`.speaker_names`), so a claim and its quote never name two people; False: the
  quote finder's names stay.
- ``encoder_threads``: onnxruntime's intra-op threads (1: one per worker process, so ``--workers`` scales).
- ``kinds``: what decides the claim kind: ``"encoder"`` (the default: the kind encoder of :mod:`.kind_encoder`,
  a fine-tuned int8 sentence encoder stacked with the kind model's kind, for claims in the author's voice the
  kind model does not call a quantity, prediction or comparison (its cascade); the kind model's kind for the
  others: three to five points of kind on each of three unseen audit sets, for about three quarters of the
  spaCy model's time again), ``"trained"`` (the kind model of :mod:`.kind_model` over the kind evidence alone;
  the rules when none is shipped: the fast path) or ``"rules"`` (:func:`.kinds.rule_kind`).

Per run, without changing the component: ``nlp.pipe(docs, component_cfg={"claimpipe_claims":
{"min_checkworthiness": 0.2}})`` (or ``nlp(doc, component_cfg=...)``) takes another cut for that run,
``{"checkworthiness": "fast"}`` another tier and ``{"kinds": "encoder"}`` another kind decider. A ``threshold``
or cut applies to the scores of the tier in use.

``nlp.to_disk`` saves the config, the word lists of the rules (reporting verbs, hedging adverbs, evaluative
words), the kind model (``kinds/``), the kind encoder when the config uses it (``kind_encoder/``) and the
weights and meta of the model variant(s) the config can choose (``checkworthy/<variant>/``), and, for the
accurate tier, the encoder's files (``checkworthy/encoder/``), so ``spacy.load`` gives the same claims and
scores wherever claimpipe is installed, whatever its shipped files say then.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Iterable, Iterator, Literal, Optional, get_args

from spacy.language import Language
from spacy.tokens import Doc

from claimpipe.nlp import extensions, faults
from claimpipe.nlp.components.base import Component
from claimpipe.nlp.components.claims.checkworthiness import (
    VARIANTS,
    CheckworthyModel,
    choose,
    load_model,
    token_vectors,
    vectors_fingerprint,
)
from claimpipe.nlp.components.claims.encoder import EncoderModel, load_encoder
from claimpipe.nlp.components.claims.extract import extract_claims
from claimpipe.nlp.components.claims.kind_encoder import KindEncoder, load_kind_encoder
from claimpipe.nlp.components.claims.kind_model import KindModel, load_kind_model
from claimpipe.nlp.components.claims.kinds import EVALUATIVE, HEDGE_ADVERBS, REPORTING_VERBS
from claimpipe.nlp.components.claims.source import SourceIndex
from claimpipe.nlp.components.claims.speaker_names import checked_speakers

extensions.register()

FACTORY = "claimpipe_claims"
Variant = Literal["auto", "tensor", "lexical"]
Tier = Literal["fast", "accurate"]
Kinds = Literal["trained", "rules", "encoder"]
KIND_DECIDERS = get_args(Kinds)
TIERS = get_args(Tier)
DEFAULT_TIER = "accurate"  # the cascade: its cost on news holds under half the model's (benchmarks/bench_encoder.py)
DEFAULT_KINDS = "encoder"  # three to five points of kind on each of three unseen audit sets (README, "Claim fields")


class ClaimsComponent(Component):
    """Writes ``doc._.claimpipe_claims`` with the check-worthiness ``model`` chosen by the config."""

    LEXICONS: ClassVar[dict[str, tuple[str, Optional[str]]]] = {
        "reporting_verbs": REPORTING_VERBS,
        "hedge_adverbs": HEDGE_ADVERBS,
        "evaluative": EVALUATIVE,
    }
    reporting_verbs: frozenset[str]
    hedge_adverbs: frozenset[str]
    evaluative: frozenset[str]

    def __init__(self, nlp: Language, name: str, *, threshold: Optional[float] = None, model: Variant = "auto",
                 checkworthiness: Tier = DEFAULT_TIER, encoder_threads: int = 1, kinds: Kinds = DEFAULT_KINDS,
                 speaker_names: bool = True):
        if checkworthiness not in TIERS:
            raise ValueError(f"checkworthiness must be one of {TIERS}, not {checkworthiness!r}")
        if kinds not in KIND_DECIDERS:
            raise ValueError(f"kinds must be one of {KIND_DECIDERS}, not {kinds!r}")
        self.kind_model: Optional[KindModel] = None  # the trained kind model (None: the rules decide)
        self.kind_encoder: Optional[KindEncoder] = None  # the kind encoder (loaded when a call asks for it)
        super().__init__(nlp, name, threshold=threshold, model=model, checkworthiness=checkworthiness,
                         encoder_threads=encoder_threads, kinds=kinds, speaker_names=speaker_names)
        self.tok2vec = token_vectors(nlp)  # what writes doc.tensor; its weights are read when the model is chosen
        self.models: dict[str, CheckworthyModel] = {}  # the variants the config can choose
        self.encoder: Optional[EncoderModel] = None  # the accurate tier's (loaded when first needed)
        self._configure()

    def __call__(self, doc: Doc, *, min_checkworthiness: Optional[float] = None,
                 checkworthiness: Optional[Tier] = None, kinds: Optional[Kinds] = None) -> Doc:
        """Set the doc's claims; ``min_checkworthiness``: this call's cut instead of the configured threshold;
        ``checkworthiness``: this call's tier instead of the configured one; ``kinds``: this call's kind decider."""
        cut = self.cfg["threshold"] if min_checkworthiness is None else min_checkworthiness
        encoder = self._encoder(checkworthiness or self.cfg["checkworthiness"])
        deciders = self._kind_deciders(kinds or self.cfg["kinds"])  # a bad name is the caller's error, not a fault
        doc._.claimpipe_claims = []
        sources = None
        with faults.isolated(doc, FACTORY):
            sources = SourceIndex.of(doc)
            doc._.claimpipe_claims = extract_claims(doc, model=self.model, min_checkworthiness=cut,
                                                    report=faults.reporter(doc, FACTORY),
                                                    reporting_verbs=self.reporting_verbs,
                                                    hedge_adverbs=self.hedge_adverbs, encoder=encoder,
                                                    evaluative=self.evaluative, sources=sources,
                                                    **deciders)
        if sources is not None and self.cfg.get("speaker_names", True):
            with faults.isolated(doc, FACTORY):  # after the claims: they read the quote finder's names
                doc._.claimpipe_quotes = checked_speakers(doc, doc._.claimpipe_quotes or [], sources)
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128, min_checkworthiness: Optional[float] = None,
             checkworthiness: Optional[Tier] = None, kinds: Optional[Kinds] = None) -> Iterator[Doc]:
        """:meth:`__call__` on each doc (``nlp.pipe`` passes ``component_cfg`` here as keyword arguments)."""
        for doc in docs:
            yield self(doc, min_checkworthiness=min_checkworthiness, checkworthiness=checkworthiness, kinds=kinds)

    def _encoder(self, tier: str) -> Optional[EncoderModel]:
        """The accurate tier's encoder (None for the fast tier): restored with the pipeline, else the shipped one."""
        if tier not in TIERS:
            raise ValueError(f"checkworthiness must be one of {TIERS}, not {tier!r}")
        if tier == "fast":
            return None
        if self.encoder is None:
            self.encoder = load_encoder(None, int(self.cfg["encoder_threads"]))
        return self.encoder

    def _kind_deciders(self, kinds: str) -> dict:
        """``extract_claims``' kind arguments for the decider ``kinds``."""
        if kinds not in KIND_DECIDERS:
            raise ValueError(f"kinds must be one of {KIND_DECIDERS}, not {kinds!r}")
        if kinds == "rules":
            return {"kind_model": "rules", "kind_encoder": None}
        model = self.kind_model if self.kind_model is not None else load_kind_model()
        return {"kind_model": model or "rules", "kind_encoder": self._kind_encoder() if kinds == "encoder" else None}

    def _kind_encoder(self) -> KindEncoder:
        """The kind encoder: restored with the pipeline, else the shipped one (loaded when first asked for)."""
        if self.kind_encoder is None:
            self.kind_encoder = load_kind_encoder(None, int(self.cfg["encoder_threads"]))
        return self.kind_encoder

    def _variants(self) -> tuple[str, ...]:
        return VARIANTS if self.cfg["model"] == "auto" else (self.cfg["model"],)

    def _configure(self) -> None:
        for variant in self._variants():
            if variant not in self.models:
                self.models[variant] = load_model(variant)
        # after spacy.load, this runs once the tok2vec (earlier in the pipeline) has its trained weights
        self.model = choose(self.cfg["model"], vectors_fingerprint(self.tok2vec), self.models)
        if self.cfg.get("kinds", DEFAULT_KINDS) == "rules":
            self.kind_model = None
        elif self.kind_model is None:
            self.kind_model = load_kind_model()

    def _save(self, path: Path) -> None:
        for variant in self._variants():
            self.models[variant].save(path / "checkworthy" / variant)
        if self.cfg["checkworthiness"] == "accurate":
            self._encoder("accurate").save(path / "checkworthy" / "encoder")
        if self.kind_model is not None:
            self.kind_model.save(path / "kinds")
        if self.cfg["kinds"] == "encoder":
            self._kind_encoder().save(path / "kind_encoder")

    def _restore(self, path: Path) -> None:
        for variant in VARIANTS:
            if (path / "checkworthy" / variant / "meta.json").exists():
                self.models[variant] = CheckworthyModel.load(path / "checkworthy" / variant)
        if (path / "kinds" / "meta.json").exists():
            self.kind_model = KindModel.load(path / "kinds")
        if (path / "kind_encoder" / "meta.json").exists():
            self.kind_encoder = KindEncoder(path / "kind_encoder", threads=int(self.cfg["encoder_threads"]))
        if (path / "checkworthy" / "encoder" / "meta.json").exists():  # read now: ``path`` may be temporary
            self.encoder = EncoderModel(path / "checkworthy" / "encoder", threads=int(self.cfg["encoder_threads"]))


@Language.factory(
    FACTORY,
    default_config={"threshold": None, "model": "auto", "checkworthiness": DEFAULT_TIER, "encoder_threads": 1,
                    "kinds": DEFAULT_KINDS, "speaker_names": True},
    requires=["doc.sents", "doc.ents", "token.lemma", "token.tag", "token.dep",
              "doc._.claimpipe_bio", "doc._.claimpipe_quotes", "doc._.claimpipe_dates"],
    assigns=["doc._.claimpipe_claims", "doc._.claimpipe_quotes"],
)
def claims_component(nlp: Language, name: str, threshold: Optional[float], model: Variant, checkworthiness: Tier,
                     encoder_threads: int, kinds: Kinds, speaker_names: bool = True) -> ClaimsComponent:
    """The ``claimpipe_claims`` component (config: see :mod:`claimpipe.nlp.components.claims.component`)."""
    return ClaimsComponent(nlp, name, threshold=threshold, model=model, checkworthiness=checkworthiness,
                           encoder_threads=encoder_threads, kinds=kinds, speaker_names=speaker_names)
