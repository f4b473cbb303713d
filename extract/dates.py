"""dates component: to be written."""
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("minutebook_dates")
def make_dates(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        return doc

    return component
