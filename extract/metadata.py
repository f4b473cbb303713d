"""metadata component: to be written."""
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("minutebook_metadata")
def make_metadata(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        return doc

    return component
