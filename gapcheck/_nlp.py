"""The default spaCy pipeline: ``spacy.blank("en")`` with gapcheck's tokenizer, built once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language




def _register() -> None:
    import gapcheck.spacy_component  # noqa: F401  (registers the factory and Doc extensions)


_BLANK: Language | None = None
# Lexeme attributes the default pipeline computes (spacy.attrs ids): LOWER, NORM, IS_ALPHA,
# IS_DIGIT, IS_LOWER, IS_SPACE, IS_TITLE, IS_UPPER, IS_STOP, IS_PUNCT, LANG.
_LEX_ATTR_NAMES = ("LOWER", "NORM", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_SPACE", "IS_TITLE", "IS_UPPER",
                   "IS_STOP", "IS_PUNCT", "LANG")


def default_nlp(model: str | None = None) -> Language:
    """Return the default pipeline: ``spacy.blank("en")`` (cached), or an installed model by name."""
    global _BLANK
    import spacy
    from spacy.attrs import IDS

    from gapcheck import _spacy_cli

    _spacy_cli.imported()  # a later `import spacy.cli` is the real package

    _register()
    if model:
        try:
            return spacy.load(model)
        except OSError as exc:
            from gapcheck.errors import GapcheckError

            raise GapcheckError(
                f"spaCy model {model!r} is not installed; install it, or leave out --spacy-model "
                "to use the built-in blank English pipeline."
            ) from exc
    if _BLANK is None:
        # English punctuation rules without the special cases (see spacy_component).
        nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "gapcheck.Tokenizer.v1"}}})
        # Every word the pipeline meets for the first time becomes a vocabulary entry with
        # about 20 attributes computed in Python (21 us a word; a new resume brings 100-200
        # new words). Nothing here reads shapes, affixes or like_num/url/email, so they are
        # not computed (8 us a word).
        vocab: Any = nlp.vocab
        keep = {IDS[name] for name in _LEX_ATTR_NAMES}
        vocab.lex_attr_getters = {k: f for k, f in vocab.lex_attr_getters.items() if k in keep}
        _BLANK = nlp
    return _BLANK
