"""The fast CPU path of the encoder: the model exported to ONNX, int8 weights per channel, run by ONNX Runtime.

One single-threaded session per core works on alternate batches: the fastest of the paths measured for the same
fidelity (docs/benchmarks.md, "Figures behind the code's choices"). The export and quantisation run once per model
and are cached as files (`RECRUIT_MODEL_CACHE_DIR`).
"""

from __future__ import annotations

import logging
import os
import tempfile
import warnings
from pathlib import Path

import numpy as np


def supports(model) -> bool:
    """True for a sentence-transformers model of a transformer and mean pooling (all-MiniLM-L6-v2 is one)."""
    modules = [type(module).__name__ for module in model]
    if len(modules) < 2 or modules[0] != "Transformer" or modules[1] != "Pooling":
        return False
    config = model[1].get_config_dict() if hasattr(model[1], "get_config_dict") else {}
    return config.get("pooling_mode", "mean") == "mean" or config.get("pooling_mode_mean_tokens") is True


def _export(model, target: Path, input_names: list[str]) -> None:
    import torch

    transformer = model[0].model.eval()

    class _Hidden(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = transformer

        def forward(self, *inputs):
            return self.inner(**dict(zip(input_names, inputs, strict=True))).last_hidden_state

    sample = model.tokenizer(["an example", "another example text"], padding=True, return_tensors="pt")
    axes = {name: {0: "batch", 1: "tokens"} for name in [*input_names, "hidden"]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Hidden(),
            tuple(sample[name] for name in input_names),
            str(target),
            input_names=input_names,
            output_names=["hidden"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )


def _build(model, cache_dir: Path, name: str, input_names: list[str]) -> Path:
    """The int8 ONNX file of this model, made (atomically) on first use."""
    quantized = cache_dir / f"{name}.onnx"
    if quantized.exists():
        return quantized
    from onnxruntime.quantization import QuantType, quantize_dynamic

    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir) as work:
        full = Path(work) / "model.onnx"
        partial = Path(work) / "model.int8.onnx"
        _export(model, full, input_names)
        logging.getLogger().disabled, was = True, logging.getLogger().disabled  # it advises pre-processing; measured
        try:
            quantize_dynamic(str(full), str(partial), weight_type=QuantType.QInt8, per_channel=True)
        finally:
            logging.getLogger().disabled = was
        os.replace(partial, quantized)  # another worker may have raced us: either file is the same model
    return quantized


class OnnxInt8Backend:
    """Encode a loaded sentence-transformers model through its cached int8 ONNX export (`model_folder.OnnxRunner`)."""

    def __init__(self, model, cache_dir: Path, name: str, max_tokens: int, query_prefix: str, passage_prefix: str):
        from recruit.matching.model_folder import OnnxRunner

        tokenizer = model.tokenizer
        input_names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in tokenizer.model_input_names]

        def tokenize(texts: list[str]):
            return tokenizer(texts, padding=True, truncation=True, max_length=max_tokens, return_tensors="np")

        self.runner = OnnxRunner(_build(model, cache_dir, name, input_names), tokenize, input_names, query_prefix,
                                 passage_prefix)  # fmt: skip
        self.dim = self.runner.dim

    def encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        """Vectors in the order of `texts`."""
        return self.runner.encode(texts, is_query)
