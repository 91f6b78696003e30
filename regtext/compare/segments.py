"""Which part of a provision went where: segments for split, merge and many-to-many rows.

When an old provision feeds several new ones (or a new one draws on several old ones), a
row must compare only the words that correspond: the sentences of draft 13 that became
final 14, not the whole of draft 13. Each clause-sized piece of the text (cut at ，。；, see
:func:`regtext.compare.alignment.pieces`) goes to the partner that contains most of its
words; a piece found in no partner (deleted or new wording) stays with its sentence: a
lead-in ending in ， or ： (a condition such as 发现…时，) goes with what follows it, anything
else with what precedes it; a sentence with no match at all stays with the sentence before.

Example:
    >>> old = ("提供者应当建立用户投诉处理机制。发现违法内容时，应当停止生成，"
    ...        "并处一万元以上十万元以下罚款。")
    >>> new = ["提供者应当建立健全投诉处理机制。", "提供者发现违法内容的，应当及时停止生成。"]
    >>> for segment in split_text(old, new):
    ...     print(segment)
    提供者应当建立用户投诉处理机制。
    发现违法内容时，应当停止生成，并处一万元以上十万元以下罚款。
"""

from __future__ import annotations

from collections.abc import Sequence

from .alignment import clean, pieces

__all__ = ["assign", "split_text"]

_MATCH = 0.3  # least share of a piece's character pairs found in a partner


def _bigrams(text: str) -> set[str]:
    c = clean(text)
    return {c[i:i + 2] for i in range(len(c) - 1)} if len(c) > 1 else {c} if c else set()


def assign(text: str, partners: Sequence[str]) -> list[tuple[str, int | None]]:
    """``(piece, partner index)`` for every piece of ``text``, before smoothing (``None``
    where no partner holds at least 30% of the piece's character pairs).

    Example:
        >>> assign("提供者应当进行登记；使用者不得转让账号。",
        ...        ["提供者应当依法进行登记。", "使用者不得擅自转让账号。"])
        [('提供者应当进行登记；', 0), ('使用者不得转让账号。', 1)]
    """
    grams = [_bigrams(p) for p in partners]
    out: list[tuple[str, int | None]] = []
    for piece in pieces(text, min_chars=6):
        g = _bigrams(piece)
        if not g:
            out.append((piece, None))
            continue
        scores = [len(g & pg) / len(g) for pg in grams]
        best = max(range(len(scores)), key=scores.__getitem__) if scores else None
        out.append((piece, best if best is not None and scores[best] >= _MATCH else None))
    return out


def _smooth(labelled: list[tuple[str, int | None]]) -> list[int | None]:
    """Give every unmatched piece the partner of its sentence (see the module docstring)."""
    labels = [lab for _, lab in labelled]
    # sentences: runs of pieces up to one ending in 。；or a line end
    sentences: list[list[int]] = [[]]
    for k, (piece, _) in enumerate(labelled):
        sentences[-1].append(k)
        if piece.rstrip().endswith(("。", "；", ";", "！", "？")):
            sentences.append([])
    sentences = [s for s in sentences if s]
    for sent in sentences:
        known = [k for k in sent if labels[k] is not None]
        if not known:
            continue
        for k in sent:
            if labels[k] is not None:
                continue
            after = [h for h in known if h > k]
            before = [h for h in known if h < k]
            lead_in = labelled[k][0].rstrip().endswith(("，", "：", ",", ":"))
            if after and (lead_in or not before):
                labels[k] = labels[after[0]]
            elif before:
                labels[k] = labels[before[-1]]
    # whole sentences with no match follow the sentence before (or, first, the one after)
    prev: int | None = None
    pending: list[int] = []
    for sent in sentences:
        if labels[sent[0]] is None:
            if prev is None:
                pending.extend(sent)
            else:
                for k in sent:
                    labels[k] = prev
            continue
        prev = labels[sent[-1]]
        for k in pending:
            labels[k] = labels[sent[0]]
        pending = []
    return labels


def split_text(text: str, partners: Sequence[str]) -> list[str]:
    """The segment of ``text`` that corresponds to each of ``partners`` (in their order).

    A partner that takes no piece gets the whole text (nothing can be told apart, so
    nothing is hidden).

    Example:
        >>> split_text("甲应当登记；乙不得转让。", ["甲应当依法登记。"])
        ['甲应当登记；乙不得转让。']
    """
    if len(partners) < 2:
        return [text] * len(partners)
    labelled = assign(text, partners)
    labels = _smooth(labelled)
    segs = ["".join(p for (p, _), lab in zip(labelled, labels) if lab == k)
            for k in range(len(partners))]
    return [s if s else text for s in segs]
