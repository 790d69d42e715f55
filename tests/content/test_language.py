from learning.content.language import MODEL_VERSION, english


def test_the_pinned_english_model_loads_once_and_parses_a_sentence():
    assert english() is english()
    assert english().meta["version"] == MODEL_VERSION
    doc = english()("Iraqi forces captured Rawa on 17 November 2017.")
    (root,) = [token for token in doc if token.dep_ == "ROOT"]
    assert (root.lemma_, root.tag_) == ("capture", "VBD")
    assert [t.text for t in doc if t.dep_ == "dobj"] == ["Rawa"]
    assert ("17 November 2017", "DATE") in [(e.text, e.label_) for e in doc.ents]
