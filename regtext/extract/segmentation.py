"""Words and part-of-speech tags: jieba with regtext's legal dictionary, without spaCy.

Everything here imports jieba on first use only and never imports spaCy, so that the
obligations (which tag subject phrases) and the diff (which cuts words) stay light.
:mod:`regtext.extract.pipeline` re-exports these names for code written against it.

Example:
    >>> words("提供者应当依法")
    ['提供者', '应当', '依法']
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources
from math import log
from typing import Any

__all__ = ["dictionary_path", "jieba_tokenizer", "legal_terms", "plain_tokenizer", "pos_tags",
           "pos_tokenizer", "segment", "word_bounds", "words"]


def dictionary_path() -> str:
    """Path of the jieba user dictionary shipped with regtext (one ``word tag`` a line).

    Example:
        >>> dictionary_path().endswith("legal_dict.txt")
        True
    """
    return str(resources.files("regtext._data") / "legal_dict.txt")


def legal_terms() -> list[str]:
    """The words of the legal user dictionary.

    Example:
        >>> "个人信息处理者" in legal_terms()
        True
    """
    text = (resources.files("regtext._data") / "legal_dict.txt").read_text(encoding="utf-8")
    return [line.split()[0] for line in text.splitlines() if line.strip()
            and not line.startswith("#")]


def _jieba() -> Any:
    """The jieba module, imported without ``pkg_resources`` when nothing has imported that.

    jieba 0.42 reads its data files through ``pkg_resources`` when it can import it, and that
    import alone takes about 0.2 CPU-s in every process (each worker of a batch run); when the
    import fails, jieba opens the same files by their path. The block is lifted right after.
    """
    import sys

    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    block = "pkg_resources" not in sys.modules
    if block:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import fails fast
    try:
        import jieba
    finally:
        if block and sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]
    return jieba


@lru_cache(maxsize=1)
def plain_tokenizer() -> Any:
    """A private ``jieba.Tokenizer`` with jieba's own dictionary only: segments exactly as
    ``jieba.cut`` does on an untouched global jieba, whatever the user did to the global one.

    Example:
        >>> plain_tokenizer().lcut("深度合成服务提供者", HMM=False)[:2]
        ['深度', '合成']
    """
    jieba = _jieba()
    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict…" chatter on stderr
    tok = jieba.Tokenizer()
    if not _load_jieba_cache(tok):
        tok.initialize()
    return tok


def _load_jieba_cache(tok: Any) -> bool:
    """Fill a fresh default-dictionary ``tok`` from the cache file jieba itself wrote, as
    ``tok.initialize()`` would; False (nothing changed) when there is none or it is unreadable.

    jieba reads that file with ``marshal.load(file)``, which pulls it through Python-level
    reads: 1.1 CPU-s per process, against 0.3 s for ``marshal.loads`` of its bytes. Every
    worker of a process pool pays it once, before its first citation or obligation.
    """
    import marshal
    import os
    import tempfile

    jieba = _jieba()
    # jieba's own choice of file (Tokenizer.initialize), for a tokenizer nobody configured
    if tok.dictionary != jieba.DEFAULT_DICT or tok.cache_file or tok.tmp_dir \
            or tok.initialized:
        return False
    path = os.path.join(tempfile.gettempdir(), "jieba.cache")
    try:
        with open(path, "rb") as fh:
            freq, total = marshal.loads(fh.read())
    except Exception:  # noqa: BLE001 - missing, half-written or foreign: jieba rebuilds it
        return False
    if not isinstance(freq, dict) or not isinstance(total, int):
        return False
    tok.FREQ, tok.total = freq, total
    tok.initialized = True
    return True


@lru_cache(maxsize=1)
def jieba_tokenizer() -> Any:
    """A private ``jieba.Tokenizer`` with the legal dictionary loaded (the global jieba
    instance is left as it is).

    Example:
        >>> jieba_tokenizer().lcut("深度合成服务提供者应当落实信息安全主体责任")[:2]
        ['深度合成服务提供者', '应当']
    """
    jieba = _jieba()
    base = plain_tokenizer()
    tok = jieba.Tokenizer()
    # the same word frequencies as a fresh load: copying them from memory takes 20 ms,
    # loading the dictionary again takes 1-3 s
    with base.lock:
        tok.FREQ, tok.total = dict(base.FREQ), base.total
    tok.initialized = True
    tok.load_userdict(dictionary_path())
    return tok


@lru_cache(maxsize=1)
def pos_tokenizer() -> Any:
    """A ``jieba.posseg.POSTokenizer`` over :func:`jieba_tokenizer` (legal dictionary).

    Example:
        >>> [(p.word, p.flag) for p in pos_tokenizer().lcut("提供者应当", HMM=False)]
        [('提供者', 'n'), ('应当', 'v')]
    """
    _jieba()
    import jieba.posseg

    # POSTokenizer() would read jieba's 350,000-line tag file again (0.5-1 s); importing
    # jieba.posseg has just read it into the module's tagger, so copy that table
    pos = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    pos.tokenizer = jieba_tokenizer()
    pos.word_tag_tab = dict(jieba.posseg.dt.word_tag_tab)
    return pos


# -- part-of-speech tags without HMM ---------------------------------------------------------
# jieba.posseg's HMM-free cut, recomputed over the same dictionary and tag table: the same
# maximum-probability route (same sums in the same order, ties to the longer word) without
# posseg's generators and pair objects, about twice as fast. Obligation extraction tags tens
# of thousands of subject phrases per corpus run. With the jieba release it was checked
# against (tests/test_nlp.py), built without importing posseg; with another release checked
# against jieba.posseg when built, and on any disagreement posseg itself is used.

_HAN_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")  # jieba's block pattern
_BLANK_RUN = re.compile("(\r\n|\\s)")
_NUMBER = re.compile("[\\.0-9]+")
_LATIN = re.compile("[a-zA-Z0-9]+")
#: One ASCII letter or digit (a word of the block pattern is never a newline).
_ALNUM_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_SELF_CHECK = ("个人信息处理者应当依法履行职责。", "第1条 AI技术a1b2、C++ 12.5%\r\n x",
               "违反本法第二十一条规定的，由有关主管部门责令改正，给予警告。", "")


#: Markers in a route's weight cache: a fragment that only begins dictionary words (frequency
#: 0), and one not looked up yet.
_PREFIX_ONLY: Any = object()
_UNSEEN: Any = object()
#: Entries a weight cache may hold before it is emptied (memory stays in the tens of MB).
_WEIGHTS_CAP = 400_000
#: Blocks whose words a tagger keeps before it forgets them all.
_BLOCKS_CAP = 50_000


def _route(s: str, freq: dict[str, int], logtotal: float,
           weights: dict[str, Any] | None = None) -> list[int]:
    """jieba's maximum-probability route through ``s``: ``nxt[k]`` is the last index of the
    word that starts at ``k`` (same sums in the same order as jieba, ties to the longer word).

    ``weights`` caches each fragment's ``log(freq) - logtotal`` (or that it is no word), so
    that the subject phrases of a corpus, which repeat the same words, pay one look-up per
    fragment instead of a look-up and a logarithm.
    """
    n = len(s)
    score, nxt = [0.0] * (n + 1), [0] * (n + 1)
    get = freq.get
    if weights is None:
        weights = {}
    elif len(weights) > _WEIGHTS_CAP:
        weights.clear()
    wget = weights.get
    for k in range(n - 1, -1, -1):
        best, end = None, k
        i, frag = k, s[k]
        while True:  # every dictionary word starting at k (and its prefixes, with frequency 0)
            w = wget(frag, _UNSEEN)
            if w is _UNSEEN:
                f = get(frag)
                w = weights[frag] = None if f is None else (
                    log(f) - logtotal if f else _PREFIX_ONLY)
            if w is None:
                break
            if w is not _PREFIX_ONLY:
                cand = w + score[i + 1]
                if best is None or cand >= best:  # >=: a tie goes to the longer word
                    best, end = cand, i
            i += 1
            if i == n:
                break
            frag = s[k:i + 1]
        if best is None:
            best = log(get(s[k]) or 1) - logtotal + score[k + 1]
        score[k], nxt[k] = best, end
    return nxt


def _route_tags(freq: dict[str, int], tags: dict[str, str], total: int) -> Any:
    """A function text → ((word, tag), …) equal to ``pos.lcut(text, HMM=False)`` of a
    POSTokenizer whose tokenizer has ``freq`` and ``total`` and whose tag table is ``tags``."""
    logtotal = log(total)
    weights: dict[str, Any] = {}
    # a block's words, by block: a fifth of the blocks of a corpus run repeat (省, 公安机关…)
    blocks: dict[str, tuple[tuple[str, str], ...]] = {}

    def block(s: str, out: list[tuple[str, str]]) -> None:
        done = blocks.get(s)
        if done is not None:
            out.extend(done)
            return
        own: list[tuple[str, str]] = []
        n, nxt = len(s), _route(s, freq, logtotal, weights)
        x, latin = 0, ""
        while x < n:
            word = s[x:nxt[x] + 1]
            if word in _ALNUM_CHARS:
                latin += word  # single letters and digits join into one 'eng' token
            else:
                if latin:
                    own.append((latin, "eng"))
                    latin = ""
                own.append((word, tags.get(word, "x")))
            x += len(word)
        if latin:
            own.append((latin, "eng"))
        if len(blocks) > _BLOCKS_CAP:
            blocks.clear()
        blocks[s] = tuple(own)
        out.extend(own)

    def cut(text: str) -> tuple[tuple[str, str], ...]:
        out: list[tuple[str, str]] = []
        for blk in _HAN_BLOCK.split(text):
            if _HAN_BLOCK.match(blk):
                block(blk, out)
                continue
            for x in _BLANK_RUN.split(blk):
                if _BLANK_RUN.match(x):
                    out.append((x, "x"))
                    continue
                for ch in x:
                    tag = "m" if _NUMBER.match(ch) else "eng" if _LATIN.match(x) else "x"
                    out.append((ch, tag))
        return tuple(out)

    cut.tags = tags  # type: ignore[attr-defined]  # for dictionary_tag()
    return cut


#: The jieba release the HMM-free route is known to reproduce (tests/test_nlp.py compares
#: them on whole laws): with it the route is used without importing jieba.posseg.
_CHECKED_JIEBA = "0.42.1"
#: jieba's dictionary as posseg reads it: lines of word, frequency and tag, one space apart.
_DICT_FORM = re.compile(r"(?:\S+ \S+ \S+\n)*(?:\S+ \S+ \S+)?")


def _word_tags(dt: Any) -> dict[str, str] | None:
    """The tag table ``jieba.posseg`` builds on import from ``dt``'s dictionary (its
    ``POSTokenizer(jieba.dt)``), read in three C-speed passes: posseg reads it line by line,
    0.5 CPU-s in every process that tags. None when the file is not in the plain form
    (then posseg reads it)."""
    try:
        with dt.get_dict_file() as fh:
            text = fh.read().decode("utf-8")
    except Exception:  # noqa: BLE001 - unreadable here: posseg reads it (and says why)
        return None
    if not _DICT_FORM.fullmatch(text):
        return None  # blank lines, tabs, \r\n…: posseg's own reading decides
    fields = text.split()  # three per line, by the check above
    return dict(zip(fields[0::3], fields[2::3]))


def _fast_tagger() -> Any:
    """The HMM-free route without jieba.posseg, or None when it cannot be trusted so."""
    import sys

    jieba = _jieba()
    if getattr(jieba, "__version__", "") != _CHECKED_JIEBA or "jieba.posseg" in sys.modules:
        return None  # another jieba (check it against posseg), or posseg's table is loaded
    tags = _word_tags(jieba.dt)
    if tags is None:
        return None
    tok = jieba_tokenizer()
    # the legal dictionary's tags over jieba's, as POSTokenizer.makesure_userdict_loaded
    # adds them (without emptying the tokenizer's list: pos_tokenizer() takes them too)
    tags.update(tok.user_word_tag_tab)
    return _route_tags(tok.FREQ, tags, tok.total)


@lru_cache(maxsize=1)
def _tagger() -> Any:
    quick = _fast_tagger()
    if quick is not None:
        return quick
    pos = pos_tokenizer()
    pos.makesure_userdict_loaded()  # the legal dictionary's tags into pos.word_tag_tab
    fast = _route_tags(pos.tokenizer.FREQ, pos.word_tag_tab, pos.tokenizer.total)

    def slow(text: str) -> tuple[tuple[str, str], ...]:
        return tuple((p.word, p.flag) for p in pos.lcut(text, HMM=False))

    slow.tags = pos.word_tag_tab  # type: ignore[attr-defined]  # posseg's own table
    return fast if all(fast(t) == slow(t) for t in _SELF_CHECK) else slow


def dictionary_tag(word: str) -> str | None:
    """The tag :func:`pos_tags` gives ``word`` wherever it comes out as one word, or None
    for a word its dictionary does not hold (then its tag is ``x``, ``eng`` or ``m``).

    A cheap necessary test before tagging: a text can only end with a verb when one of its
    endings is a dictionary word tagged as one.

    Example:
        >>> dictionary_tag("提供"), dictionary_tag("提供者应当")
        ('v', None)
    """
    return _tagger().tags.get(word)


def ends_with_dictionary_verb(text: str) -> bool:
    """Whether an ending of ``text`` (two characters or more) is a dictionary word tagged
    ``v``: a necessary condition for the last word :func:`pos_tags` gives to be such a verb.

    Example:
        >>> ends_with_dictionary_verb("迫使"), ends_with_dictionary_verb("提供者")
        (True, False)
    """
    get = _tagger().tags.get
    for k in range(2, len(text) + 1):
        if get(text[-k:]) == "v":
            return True
    return False


def pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    """``(word, tag)`` pairs of ``text``: jieba.posseg without HMM, legal dictionary.

    Example:
        >>> pos_tags("提供者应当依法")
        (('提供者', 'n'), ('应当', 'v'), ('依法', 'n'))
    """
    return _tagger()(text)


_WORD_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")  # jieba.cut's blocks


def _route_words(tok: Any) -> Any:
    """A function text → [word, …] equal to ``tok.lcut(text, HMM=False)``."""
    tok.check_initialized()
    freq, logtotal = tok.FREQ, log(tok.total)
    weights: dict[str, Any] = {}

    def cut(text: str) -> list[str]:
        out: list[str] = []
        for blk in _WORD_BLOCK.split(text):
            if not blk:
                continue
            if not _WORD_BLOCK.match(blk):
                for x in _BLANK_RUN.split(blk):
                    if _BLANK_RUN.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
                continue
            n, nxt = len(blk), _route(blk, freq, logtotal, weights)
            x, latin = 0, ""
            while x < n:
                word = blk[x:nxt[x] + 1]
                if word in _ALNUM_CHARS:
                    latin += word  # single letters and digits join into one word
                else:
                    if latin:
                        out.append(latin)
                        latin = ""
                    out.append(word)
                x += len(word)
            if latin:
                out.append(latin)
        return out

    return cut


@lru_cache(maxsize=2)
def _word_cutter(legal: bool) -> Any:
    tok = jieba_tokenizer() if legal else plain_tokenizer()
    fast = _route_words(tok)
    ok = all(fast(t) == tok.lcut(t, HMM=False) for t in _SELF_CHECK)
    return fast if ok else (lambda text: tok.lcut(text, HMM=False))


def words(text: str, legal: bool = True) -> list[str]:
    """jieba words of ``text`` without HMM (``legal``: with the legal dictionary), equal to
    ``jieba_tokenizer().lcut(text, HMM=False)`` (or :func:`plain_tokenizer`'s) and about
    twice as fast.

    Example:
        >>> words("深度合成服务提供者应当落实主体责任")
        ['深度合成服务提供者', '应当', '落实', '主体', '责任']
        >>> words("深度合成服务提供者", legal=False)
        ['深度', '合成', '服务提供者']
    """
    return _word_cutter(legal)(text)


def word_bounds(text: str, legal: bool = True) -> frozenset[int]:
    """Offsets in ``text`` where a word of :func:`words` starts or ends.

    Example:
        >>> sorted(word_bounds("业主委员会应当"))
        [0, 2, 5, 7]
    """
    bounds, at = {0}, 0
    for word in words(text, legal):
        at += len(word)
        bounds.add(at)
    return frozenset(bounds)


def segment(text: str) -> list[str]:
    """Words of ``text`` by jieba with the legal dictionary (no spaCy needed).

    Example:
        >>> segment("提供者应当依法开展预训练")
        ['提供者', '应当', '依法', '开展', '预训练']
    """
    if not text:
        return []
    return [w for w in jieba_tokenizer().cut(text, HMM=True) if w]
