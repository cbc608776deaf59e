"""Words of the two languages the product reads: what a Chinese character is, English stems, Chinese words.

One definition each, shared by search (recruit.services.discovery.search_index) and matching (recruit.matching.lexical).
jieba's dictionary takes about a second to load: it loads on first use, once per process.
"""

from __future__ import annotations

import logging
import threading

# The CJK Unified Ideographs, Extension A and the compatibility block: "a Chinese character" everywhere.
CJK_CHARACTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

_lock = threading.Lock()
_stemmer = None
_jieba = None


def english_stems(words: list[str]) -> list[str]:
    """The Snowball (Porter 2) English stems of lower-case words: accounting, accountant → account."""
    global _stemmer
    if _stemmer is None:
        import Stemmer

        _stemmer = Stemmer.Stemmer("english")
    return _stemmer.stemWords(words)


def _segmenter():
    global _jieba
    with _lock:
        if _jieba is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            _jieba = jieba
    return _jieba


def chinese_words(run: str) -> list[str]:
    """jieba's segmentation of a run of Chinese characters (财务会计师 → 财务, 会计师)."""
    return _segmenter().lcut(run)


def chinese_search_words(run: str) -> list[str]:
    """Every dictionary word jieba finds inside a run, the shorter ones too (会计师 → 会计, 会计师)."""
    return _segmenter().lcut_for_search(run)
