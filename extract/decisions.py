"""decisions component: to be written."""
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("minutebook_decisions")
def make_decisions(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        return doc

    return component
