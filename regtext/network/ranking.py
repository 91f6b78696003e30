"""How a lawyer orders the provisions behind a clause: the rules that re-rank BM25 hits.

Wording alone (BM25) finds provisions that share words; a lawyer cites provisions that share
the *duty*. These rules, each stated for all Chinese law, turn the raw similarity of a clause
and a target provision into a score:

1. **Boilerplate matches only its own kind.** A purpose clause (…制定本法), a commencement
   clause (…起施行), a referral (构成犯罪的，依法追究刑事责任) and a scope clause (…适用本办法)
   are read from their words (``rules/clause-kinds.tsv``). A purpose, commencement or referral
   clause rests on what it cites, not on other texts' boilerplate; a scope clause may match
   scope clauses and definitions; a definition matches definitions; a substantive clause is
   not matched to boilerplate.
2. **A definition ranks high only when the clause turns on the term.** A definition article
   (…是指…) found by shared words counts fully when the clause itself defines something; a
   definition found through a term of the concept lexicon counts fully when the term is the
   clause's actor or the role it assigns (承担个人信息处理者责任), and at a discount otherwise.
   A definition found by shared words whose defined term the clause never uses (深度合成技术，
   是指… for a clause on innovative use) counts no more than boilerplate; the items of a
   definition (（三）音乐生成…的技术) belong to it.
3. **The party matters.** When the clause imposes a duty and the target addresses a different
   kind of party (state organs and officials, businesses, individuals —
   ``rules/actor-kinds.tsv``; a duty of office, 在履行职责中知悉, binds the state side —
   ``rules/official-duty.tsv``), a similarity or concept match is discounted: officials'
   confidentiality is not a business's trade-secret duty.
4. **A principle parallels principles.** A clause stating the principles a text follows
   (坚持…并重, 遵循…原则) gains :data:`PRINCIPLE_BONUS` on another text's principle clause.
5. **The same legal concept counts.** When the clause's duty (the words after its modal
   verb) and the provision speak of legal concepts (``rules/legal-concepts.tsv``: 歧视 =
   差别待遇, 著作权 is a kind of 知识产权) and share none, the match is discounted
   (:data:`CONCEPT_MISMATCH`): 侵害知识产权 is not 侵害健康权.
6. **The same act counts.** When both impose binding duties on the same kind of party, the
   share of the clause's act words (verbs and objects of its norms, by idf) found in the
   target's norms raises the score.
7. **A text's own subject is not a topic.** The subject named in the source's title
   (生成式人工智能服务 in 《生成式人工智能服务管理暂行办法》) runs through every clause;
   it is masked out of the query, so one statute sentence that names the same service
   is no duty match.
   A list of ministries (网信、发展改革、教育…等部门) is masked too: it says who enforces, not what.

Example:
    >>> clause_kind("本法自2021年11月1日起施行。"), clause_kind("网络运营者应当制定应急预案。")
    ('commencement', '')
    >>> actor_kind("网络运营者"), actor_kind("有关主管部门"), actor_kind("使用者")
    ('business', 'state', 'person')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import rules
from ..text.model import Document, Node
from ..text.normalize import fold
from .concepts import binding_modal, concept_share, object_concepts

#: Kinds of boilerplate provision (see ``rules/clause-kinds.tsv``).
BOILERPLATE = ("purpose", "commencement", "scope", "referral")

#: Kinds of clause whose basis is only what they cite: no concept or similarity links.
CITES_ONLY = ("purpose", "commencement", "referral")

#: Score factor for a definition reached through a term the clause does not turn on.
DEFINITION_DISCOUNT = 0.6
#: Score factor for a concept that only a clause's items name (the items carry it).
ITEM_CONCEPT_DISCOUNT = 0.6
#: Score factor for a match between duties of different kinds of party.
PARTY_DISCOUNT = 0.5
#: Score factor for a substantive clause matched to a boilerplate provision (and back).
BOILERPLATE_DISCOUNT = 0.35
#: Most a shared act can raise a similarity score (factor 1 + ACT_BONUS × share).
ACT_BONUS = 1.0
#: Score factor for a principle clause matched to another text's principle clause.
PRINCIPLE_BONUS = 1.5
#: Score factor when the clause's duty and the provision are about different legal concepts
#: (侵害知识产权 against 侵害健康权; ``rules/legal-concepts.tsv``).
CONCEPT_MISMATCH = 0.5
#: Score of a provision that imposes a comparable duty (the same specific legal concept, on the
#: same kind of party), before a tenth of its similarity is added: a lawyer cites it even when it
#: says the concept in other words (歧视 = 不合理的差别待遇) and shares no other word.
COMPARABLE_DUTY = 0.6
#: A concept that more articles of the statutes speak of than this is too broad to find
#: comparable duties by (个人信息, 行政许可); 歧视 or 透明度 are not.
COMPARABLE_MAX_ARTICLES = 12

_BINDING = ("obligation", "prohibition")
_DEPARTMENT_LIST = re.compile(
    r"(?:[\u4e00-\u9fff]{1,10}、){2,}[\u4e00-\u9fff]{1,10}(?:等)?(?:国家)?(?:有关)?(?:主管)?部门")
_DOC_TYPE_TAIL = re.compile(r"(?:管理)?(?:暂行|试行)?(?:办法|规定|条例|细则|法|决定|准则|意见)$")
_GENERIC_HEAD = re.compile(r"(?:服务|活动|工作|业务|技术|管理)$")
_ROLE = re.compile(r"(?:承担|作为|属于|视为|是)$")
_ROLE_AFTER = re.compile(r"^(?:的)?(?:责任|义务|身份|职责)")


@lru_cache(maxsize=1)
def _clause_kind_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((r["kind"], re.compile(r["pattern"])) for r in rules.table("clause-kinds"))


@lru_cache(maxsize=200_000)
def clause_kind(text: str) -> str:
    """What a provision is for: ``purpose``, ``commencement``, ``scope``, ``referral``,
    ``definition``, ``principle``, ``exemption`` (a carve-out from particular articles, a
    substantive rule) or ``""`` (a substantive rule), from
    ``rules/clause-kinds.tsv``.

    Example:
        >>> clause_kind("在中华人民共和国境内开展数据处理活动及其安全监管，适用本法。")
        'scope'
        >>> clause_kind("本法所称网络运营者，是指网络的所有者、管理者和网络服务提供者。")
        'definition'
    """
    t = fold(text or "").strip()
    for kind, pattern in _clause_kind_rules():
        if pattern.search(t):
            return kind
    return ""


@lru_cache(maxsize=1)
def _actor_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((r["kind"], re.compile(r["pattern"])) for r in rules.table("actor-kinds"))


@lru_cache(maxsize=20_000)
def actor_kind(actor: str | None) -> str:
    """The kind of party an actor is: ``state``, ``person``, ``business`` or ``""``.

    Example:
        >>> actor_kind("履行个人信息保护职责的部门的工作人员"), actor_kind("个人信息处理者")
        ('state', 'business')
    """
    a = (actor or "").strip()
    for kind, pattern in _actor_rules():
        if pattern.search(a):
            return kind
    return ""


def subject_phrase(title: str) -> str:
    """The subject a text's title names, without 中华人民共和国 and the document type.

    Example:
        >>> subject_phrase("生成式人工智能服务管理暂行办法")
        '生成式人工智能服务'
        >>> subject_phrase("中华人民共和国个人信息保护法")
        '个人信息保护'
    """
    t = fold(title or "").replace("中华人民共和国", "")
    t = re.sub(r"[（(][^）)]*[）)]", "", t)
    return _DOC_TYPE_TAIL.sub("", t).strip()


def query_text(text: str, doc: Document | None) -> str:
    """``text`` with the source's own subject and any list of ministries blanked out.

    The subject is masked when it is long enough to be a name rather than a word (six
    characters or more), with its modifier when its head is generic (生成式人工智能 of
    生成式人工智能服务), except in a scope or definition clause, which is about that subject.

    Example:
        >>> query_text("网信、发展改革、教育、公安等部门依据各自职责负责管理工作", None).strip()
        '依据各自职责负责管理工作'
    """
    out = _DEPARTMENT_LIST.sub(lambda m: " " * len(m.group(0)), text)
    subject = subject_phrase(doc.title) if doc is not None else ""
    if len(subject) >= 6 and clause_kind(text) not in ("scope", "definition"):
        stems = [subject]
        head = _GENERIC_HEAD.search(subject)
        if head and head.start() >= 4:  # 生成式人工智能|服务: the modifier names it too
            stems.append(subject[:head.start()])
        for s in stems:
            out = out.replace(s, " " * len(s))
    return out


# -- what a target provision says -----------------------------------------------------------


@dataclass(frozen=True)
class Provision:
    """What the ranking needs to know of one target unit (a 款 or 项)."""

    kind: str
    actors: frozenset[str]  # kinds of party its norms address
    acts: frozenset[str]  # act words of its binding norms
    terms: frozenset[str] = frozenset()  # the terms it defines (a definition)
    concepts: frozenset[str] = frozenset()  # what its duties are about (legal-concepts.tsv)


_NORMS: dict[tuple[str | None, int], tuple[Any, ...] | None] = {}


def _key(doc: Document) -> tuple[str | None, int]:
    return (doc.id, hash(doc.text or ""))  # the same id with other words is another text


def remember_norms(doc: Document, norms: Iterable[Any] | None) -> None:
    """Let the ranking reuse norms already extracted for ``doc`` (the analyses'). A failed
    extraction (``None``) is not remembered: the next call tries again and reports again."""
    if norms is None:
        return
    if len(_NORMS) > 4096:  # a corpus run: keep memory bounded
        _NORMS.clear()
    _NORMS[_key(doc)] = tuple(norms)


def known_norms(doc: Document) -> tuple[bool, tuple[Any, ...] | None]:
    """(True, norms) when the norms of ``doc`` were extracted already, else (False, None)."""
    key = _key(doc)
    return (key in _NORMS, _NORMS.get(key))


def _doc_norms(doc: Document) -> tuple[Any, ...]:
    from .._guard import guard
    from ..extract.norms import document_norms

    seen, norms = known_norms(doc)
    if seen:
        return norms or ()
    found: tuple[Any, ...] | None = None
    with guard("obligations", doc.id):
        found = tuple(document_norms(doc))
    remember_norms(doc, found)
    return found or ()


def forget_norms() -> None:
    """Drop every remembered extraction (after the extraction code changed, in tests)."""
    _NORMS.clear()
    _provisions.cache_clear()


def act_words(norm_text: str, actor: str | None) -> frozenset[str]:
    """The words of a norm's act: its text without the actor, the modal context and the
    shared legal vocabulary (jieba words only, bigrams left out).

    Example:
        >>> words = act_words("提供者应当及时处理个人关于查阅、复制其个人信息的请求", "提供者")
        >>> {"查阅", "复制", "请求"} <= words, "提供者" in words, "应当" in words
        (True, False, False)
    """
    from .linking import tokens

    text = norm_text.replace(actor, " ") if actor else norm_text
    return frozenset(t for t in tokens(text) if not t.startswith("#"))


@lru_cache(maxsize=64)
def _provisions(doc_id: str) -> dict[str, Provision]:
    from .linking import _load_quiet

    doc = _load_quiet(doc_id)
    by_ref: dict[str, list[Any]] = {}
    for n in _doc_norms(doc):
        if n.ref:
            by_ref.setdefault(n.ref, []).append(n)
    facts = {node.ref: _facts(node, doc,
                              [n for r, ns in by_ref.items()
                               if r == node.ref or r.startswith(node.ref + ".") for n in ns])
             for node in doc.clauses()}
    for node in doc.clauses():  # a public body's duty, and the items under it, bind the state
        f = facts[node.ref]
        if f.actors and "state" not in f.actors and (public_body(node.lead or node.text) or any(
                public_body(a.lead) for a in doc.ancestors(node.ref) if a.kind != "article")):
            facts[node.ref] = Provision(f.kind, frozenset({"state"}), f.acts, f.terms,
                                        f.concepts)
    return {ref: _in_definition(f, facts.get(ref.rpartition(".")[0])) for ref, f in facts.items()}


def _in_definition(item: Provision, parent: Provision | None) -> Provision:
    """An item of a definition (（三）音乐生成…的技术 under 深度合成技术，是指…) is part of that
    definition: it takes the definition's kind and terms."""
    if item.kind or parent is None or parent.kind != "definition":
        return item
    return Provision("definition", item.actors, item.acts, parent.terms, item.concepts)


@lru_cache(maxsize=1)
def _official() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r["pattern"]) for r in rules.table("official-duty"))


def official_duty(text: str) -> bool:
    """True when a clause speaks of what is learnt or done in performing official functions
    (``rules/official-duty.tsv``): its duty binds the state side.

    Example:
        >>> official_duty("对在履行职责中知悉的商业秘密应当依法予以保密")
        True
        >>> official_duty("经营者不得侵犯商业秘密")
        False
    """
    t = fold(text or "")
    return any(p.search(t) for p in _official())


@lru_cache(maxsize=1)
def _addressed() -> dict[str, tuple[re.Pattern[str], ...]]:
    out: dict[str, list[re.Pattern[str]]] = {}
    for r in rules.table("addressed-party"):
        out.setdefault(r["rule"], []).append(re.compile(r["pattern"]))
    return {k: tuple(v) for k, v in out.items()}


def encouraged_kind(text: str) -> str:
    """The kind of party a 鼓励/支持 sentence encourages (``rules/addressed-party.tsv``), or
    ``""`` when it names none (鼓励数据创新应用 encourages an activity, not a party).

    Example:
        >>> encouraged_kind("鼓励算法推荐服务提供者优化规则的透明度")
        'business'
        >>> encouraged_kind("鼓励和支持数据在各行业、各领域的创新应用")
        ''
    """
    t = fold(text or "")
    for p in _addressed().get("encouraged", ()):
        m = p.search(t)
        if m:
            return actor_kind(m.group("party"))
    return ""


def state_declaration(text: str) -> bool:
    """True when a provision opens a sentence with the state as its subject (国家推进…):
    it says what the state does, so it addresses the state side even without a modal word.

    Example:
        >>> state_declaration("国家大力推进电子政务建设")
        True
        >>> state_declaration("国家秘密应当依法予以保密")
        False
    """
    t = fold(text or "")
    return any(p.search(t) for p in _addressed().get("declaration", ()))


def public_body(text: str) -> bool:
    """True when a sentence of ``text`` has an organ of the state or a body empowered to
    administer public affairs as the subject of its duty (``rules/addressed-party.tsv``,
    ``public-body``): 行政机关和法律、法规授权的具有管理公共事务职能的组织不得… binds the state
    side, whatever head noun (组织) its actor has.

    Example:
        >>> public_body("行政机关和法律、法规授权的具有管理公共事务职能的组织不得滥用行政权力")
        True
        >>> public_body("当事人对行政机关作出的行政处罚不服，可以依法申请行政复议")
        False
    """
    t = fold(text or "")
    return any(p.search(t) for p in _addressed().get("public-body", ()))


def _party(norm: Any) -> str:
    """The kind of party a norm addresses: the one encouraged in 鼓励X…, else its actor's."""
    if norm.modality == "encouragement":
        kind = encouraged_kind(norm.text)
        if kind:
            return kind
    return actor_kind(norm.actor)


def _facts(node: Node, doc: Document | None, norms: list[Any],
           words: str | None = None) -> Provision:
    binding = [n for n in norms if n.modality in _BINDING]
    actors = frozenset(filter(None, (_party(n) for n in norms)))
    if norms and not actors and official_duty(node.text):
        actors = frozenset({"state"})  # 相关机构和人员 who learn things in office
    if not actors and state_declaration(node.text):
        actors = frozenset({"state"})  # 国家推进电子政务建设: the state's own programme
    kind = clause_kind(node.text)
    return Provision(
        kind, actors,
        frozenset().union(*(act_words(query_text(n.text, doc), n.actor) for n in binding))
        if binding else frozenset(),
        defined_terms(node.text) if kind == "definition" else frozenset(),
        object_concepts(query_text(node.text if words is None else words, doc)))


_DEFINED = re.compile(r"([^，。；：:\s（）()]{2,40}?)，?是指")


def defined_terms(text: str) -> frozenset[str]:
    """The terms a definition defines: what stands before each 是指, without 本法所称.

    Example:
        >>> sorted(defined_terms("本法所称网络运营者，是指网络的所有者、管理者和网络服务提供者。"))
        ['网络运营者']
        >>> sorted(defined_terms("训练数据，是指被用于训练机器学习模型的标注或者基准数据集。"))
        ['训练数据']
    """
    out = set()
    for m in _DEFINED.finditer(fold(text or "")):
        term = re.sub(r"^.*?所称", "", m.group(1)).strip()
        if len(term) >= 2:
            out.add(term)
    return frozenset(out)


def provision(doc_id: str, ref: str) -> Provision:
    """The :class:`Provision` facts of unit ``ref`` of corpus document ``doc_id``.

    Example:
        >>> p = provision("pipl", "45.1")
        >>> p.kind, "person" in p.actors or "business" in p.actors
        ('', True)
    """
    facts = _provisions(doc_id)
    if ref in facts:
        return facts[ref]
    parts = [p for r, p in facts.items() if r.startswith(ref + ".")]  # an article: its 款
    if not parts:
        return Provision("", frozenset(), frozenset())
    return Provision(parts[0].kind, frozenset().union(*(p.actors for p in parts)),
                     frozenset().union(*(p.acts for p in parts)),
                     frozenset().union(*(p.terms for p in parts)),
                     frozenset().union(*(p.concepts for p in parts)))


def source(node: Node, doc: Document) -> Provision:
    """The :class:`Provision` facts of a source clause (its own and its items' norms); the
    concepts of a chapeau with items are those of its own words, as its query is."""
    return _facts(node, doc, [n for n in _doc_norms(doc) if n.ref and (
        n.ref == node.ref or n.ref.startswith(node.ref + "."))],
        node.lead if node.children else None)


# -- the rules ------------------------------------------------------------------------------


def similarity_factor(src: Provision, tgt: Provision, idf: dict[str, float],
                      text: str | None = None) -> float:
    """How much a similarity hit of ``tgt`` for clause ``src`` is worth, as a factor (0 drops).

    ``text`` is the clause's own text: a definition whose terms it never uses is matched on
    other words (深度合成技术，是指利用…生成…文本、图像 for a clause on innovative use), so it
    counts no more than boilerplate (:data:`BOILERPLATE_DISCOUNT`); without ``text`` every
    definition gets :data:`DEFINITION_DISCOUNT`.

    Example:
        >>> duty = Provision("", frozenset({"business"}), frozenset({"删除", "个人信息"}))
        >>> officials = Provision("", frozenset({"state"}), frozenset({"保密"}))
        >>> purpose = Provision("purpose", frozenset(), frozenset())
        >>> similarity_factor(duty, officials, {}), similarity_factor(duty, purpose, {})
        (0.5, 0.35)
        >>> similarity_factor(purpose, purpose, {})
        0.0
    """
    if src.kind in CITES_ONLY:
        return 0.0  # their basis is what they cite
    factor = 1.0
    if src.kind == "scope":
        if tgt.kind not in ("scope", "definition"):
            factor *= BOILERPLATE_DISCOUNT
    elif tgt.kind in BOILERPLATE:
        factor *= BOILERPLATE_DISCOUNT
    elif (tgt.kind == "definition") != (src.kind == "definition"):
        factor *= DEFINITION_DISCOUNT  # a definition matches definitions, a rule rules
        if text is not None and tgt.terms and not uses_term(tgt.terms, text):
            factor *= BOILERPLATE_DISCOUNT / DEFINITION_DISCOUNT  # not the clause's term
    if src.kind == tgt.kind == "principle":
        factor *= PRINCIPLE_BONUS  # 坚持…并重 parallels another text's 坚持…并重
    factor *= concept_factor(src, tgt)
    if src.actors and tgt.actors and "any" not in src.actors | tgt.actors:
        if not src.actors & tgt.actors:
            factor *= PARTY_DISCOUNT
        elif src.acts and tgt.acts:
            total = sum(idf.get(w, 1.0) for w in src.acts)
            shared = sum(idf.get(w, 1.0) for w in src.acts & tgt.acts)
            factor *= 1.0 + ACT_BONUS * (shared / total if total else 0.0)
    return factor


def concept_factor(src: Provision, tgt: Provision) -> float:
    """:data:`CONCEPT_MISMATCH` when a clause's duty and a provision both speak of legal
    concepts (``rules/legal-concepts.tsv``) and share none, not even one a kind of the other or
    two kinds of one broader concept: a duty not to infringe 知识产权 does not rest on the rule
    against infringing 健康权, whatever verb they share. Else 1.

    A bonus for concepts in common was tried and dropped: broad concepts (创新, 数据) are
    shared by too many provisions to rank the right one higher.

    Example:
        >>> ip = Provision("", frozenset(), frozenset(), concepts=frozenset({"知识产权"}))
        >>> health = Provision("", frozenset(), frozenset(),
        ...                    concepts=frozenset({"生命身体健康权", "人格权"}))
        >>> copyright = Provision("", frozenset(), frozenset(),
        ...                       concepts=frozenset({"著作权", "知识产权"}))
        >>> concept_factor(ip, health), concept_factor(ip, copyright)
        (0.5, 1.0)
    """
    share = concept_share(src.concepts, tgt.concepts)
    return CONCEPT_MISMATCH if share == 0 else 1.0


def uses_term(terms: Iterable[str], text: str) -> bool:
    """True when ``text`` uses one of the defined ``terms`` (or the term without its
    qualifier: 服务提供者 of 深度合成服务提供者 is not enough, the whole term is needed).

    Example:
        >>> uses_term({"训练数据"}, "采取有效措施提高训练数据质量")
        True
        >>> uses_term({"深度合成技术"}, "鼓励生成式人工智能技术的创新应用")
        False
    """
    t = fold(text or "")
    return any(term in t for term in terms)


def duty_object(term: str, text: str) -> bool:
    """True when ``term`` is what a duty of ``text`` is to do: it follows a binding modal word
    (应当/必须/不得…) in the same sentence.

    Example:
        >>> duty_object("个人同意", "涉及个人信息的，应当取得个人同意。")
        True
        >>> duty_object("个人同意", "基于个人同意处理个人信息的，应当告知。")
        False
    """
    for sentence in re.split(r"[。；]", fold(text)):
        m = binding_modal().search(sentence)
        if m and term in sentence[m.end():]:
            return True
    return False


@lru_cache(maxsize=1)
def _circumstance() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r["pattern"]) for r in rules.table("duty-circumstance"))


def duty_concepts(text: str, doc: Document | None = None) -> frozenset[str]:
    """The most specific legal concepts a clause's duty is about: those of the words after its
    binding modal word (the whole text when it has none), without the source's own subject and
    without the circumstance the duty applies in (``rules/duty-circumstance.tsv``: 在…过程中，).

    Example:
        >>> sorted(duty_concepts("在训练数据处理过程中，应当采取有效措施防止产生歧视"))
        ['歧视']
        >>> sorted(duty_concepts("不得侵害他人依法享有的著作权"))
        ['著作权']
    """
    from .concepts import _own, concepts_in
    from .concepts import duty_object as object_words

    words = object_words(query_text(text, doc))
    for p in _circumstance():
        words = p.sub(" ", words)
    return _own(concepts_in(words))


def only_in_circumstance(term: str, text: str) -> bool:
    """True when ``term`` occurs in ``text`` only inside the circumstance of its duty
    (``rules/duty-circumstance.tsv``: 在训练数据选择…过程中，): the duty is not about it.

    Example:
        >>> only_in_circumstance("训练数据", "在训练数据选择过程中，采取有效措施防止产生歧视")
        True
        >>> only_in_circumstance("训练数据", "采取有效措施提高训练数据质量")
        False
    """
    t = fold(text or "")
    spans = [m.span() for p in _circumstance() for m in p.finditer(t)]
    hits = [m.start() for m in re.finditer(re.escape(term), t)] if term else []
    return bool(hits) and all(any(a <= h < b for a, b in spans) for h in hits)


def comparable_duty(src: Provision, tgt: Provision, concept: str) -> bool:
    """True when ``tgt`` imposes a duty comparable to the clause's (``src``): a binding rule (no
    definition, principle or boilerplate) about ``concept``, addressed to the same kind of party
    (or to everyone).

    Example:
        >>> duty = Provision("", frozenset({"business"}), frozenset({"歧视"}))
        >>> rule = Provision("", frozenset({"business"}), frozenset({"差别待遇"}),
        ...                  concepts=frozenset({"歧视"}))
        >>> official = Provision("", frozenset({"state"}), frozenset({"歧视性"}),
        ...                      concepts=frozenset({"歧视"}))
        >>> comparable_duty(duty, rule, "歧视"), comparable_duty(duty, official, "歧视")
        (True, False)
    """
    if tgt.kind or not tgt.acts or concept not in tgt.concepts or not src.actors:
        return False
    return bool(src.actors & tgt.actors or "any" in src.actors | tgt.actors)


def comparable_scope(tgt: Provision, concept: str) -> bool:
    """True when ``tgt`` is a scope clause (…适用本法, 在…境内从事…活动，必须遵守本法) on
    ``concept`` or on a broader concept it is a kind of: a scope clause parallels the scope
    clauses of texts on the same subject (深度合成 is a kind of 算法, so the algorithm
    recommendation rules' scope parallels a deep-synthesis scope).

    Example:
        >>> comparable_scope(provision("algorithm-recommendation", "2.1"), "深度合成")
        True
        >>> comparable_scope(provision("dsl", "2.1"), "深度合成")
        False
    """
    from .concepts import ancestors

    return tgt.kind == "scope" and (concept in tgt.concepts or any(
        a in tgt.concepts for a in ancestors(concept)))


def party_factor(src: Provision, tgt: Provision) -> float:
    """:data:`PARTY_DISCOUNT` when a duty-bearing clause and a provision address different
    kinds of party (neither addressing everyone), else 1.

    Example:
        >>> state = Provision("", frozenset({"state"}), frozenset({"保密"}))
        >>> business = Provision("", frozenset({"business"}), frozenset())
        >>> party_factor(state, business), party_factor(state, state)
        (0.5, 1.0)
    """
    if src.acts and src.actors and tgt.actors and "any" not in src.actors | tgt.actors \
            and not src.actors & tgt.actors:
        return PARTY_DISCOUNT
    return 1.0


def turns_on(term: str, text: str, norms_actors: Iterable[str]) -> bool:
    """True when a clause turns on ``term``: it is the actor of one of the clause's norms, or
    the role the clause assigns (承担X责任, 作为X), or the clause defines it.

    Example:
        >>> turns_on("个人信息处理者", "依法承担个人信息处理者责任", [])
        True
        >>> turns_on("个人信息", "受理删除其个人信息的请求", ["提供者"])
        False
    """
    if term in set(norms_actors):
        return True
    t = fold(text)
    if clause_kind(t) == "definition" and term in t.split("是指")[0]:
        return True
    for m in re.finditer(re.escape(term), t):
        if _ROLE.search(t[:m.start()]) or _ROLE_AFTER.match(t[m.end():]):
            return True
    return False
