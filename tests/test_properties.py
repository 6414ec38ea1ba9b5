"""Property tests for the two number readers: a table cell (numbers.parse_number) and a figure inside a
narrative sentence (claims.parse_claims).

A figure is written every way disclosures write it — thousands grouped by comma, space, thin space
(U+2009) or narrow no-break space (U+202F) or not grouped; ASCII or full-width digits, point and comma
(０-９ ． ，); a minus as -, − or －, and in cells the 决算 templates' △ and parentheses (1,200.00) — and
must read back to itself, its printed decimals included.  Two numbers side by side in a cell are never
read as one, and no text whatever makes either reader raise.
"""
from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from yusuan.check.claims import parse_claims
from yusuan.base.numbers import decimals, parse_number

QUICK = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_FW_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
# a cell is never grouped by a plain space (see parse_number); a sentence may be ("1 234.56万元")
CELL_SEPARATORS = ["", ",", "\u2009", "\u202f"]
SENTENCE_SEPARATORS = ["", ",", " ", "\u2009", "\u202f"]
CELL_SIGNS = ["-", "−", "－", "△", "()", "（）"]
SENTENCE_SIGNS = ["-", "−", "－"]


@st.composite
def amounts(draw, max_places: int = 4) -> Decimal:
    """A decimal from 0 to 10^12 with 0–4 printed decimals, either sign."""
    whole = draw(st.one_of(st.integers(0, 999), st.integers(0, 10**12)))
    places = draw(st.integers(0, max_places))
    frac = draw(st.integers(0, 10**places - 1)) if places else 0
    text = f"{whole}.{frac:0{places}d}" if places else str(whole)
    value = Decimal(text)
    return -value if draw(st.booleans()) else value


def printed(value: Decimal, sep: str, full_width: bool, sign: str) -> str:
    """``value`` as a disclosure prints it: grouped by ``sep``, in full-width if asked, negative with ``sign``."""
    whole, _, frac = format(abs(value), "f").partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:]] + groups
    body = sep.join([whole] + groups) + ("." + frac if frac else "")
    if full_width:
        body = body.translate(_FW_DIGITS).replace(".", "．").replace(",", "，")
    if value < 0 or (value == 0 and value.is_signed()):
        body = sign[0] + body + sign[1] if len(sign) == 2 else sign + body
    return body


def same_as_printed(got: Decimal | None, value: Decimal) -> bool:
    return got is not None and got == value and decimals(got) == decimals(value)


# --------------------------------------------------------------------------- a table cell

@given(amounts(), st.sampled_from(CELL_SEPARATORS), st.booleans(), st.sampled_from(CELL_SIGNS), st.booleans())
@example(Decimal("99.79"), "", True, "-", False)
@example(Decimal("-1234.56"), ",", False, "-", False)
@example(Decimal("1234.56"), ",", True, "-", False)
@example(Decimal("-1200.00"), ",", False, "()", False)
@example(Decimal("1234.56"), "\u2009", False, "-", False)
@QUICK
def test_a_cell_reads_back_every_printed_form(value, sep, full_width, sign, percent):
    text = printed(value, sep, full_width, sign) + (("％" if full_width else "%") if percent else "")
    assert same_as_printed(parse_number(text), value), text
    assert same_as_printed(parse_number(f"  {text} "), value), "surrounding blanks are not part of it"


@given(amounts(), amounts(), st.sampled_from(["", ","]), st.sampled_from([" ", "  ", "\u00a0", "\u3000"]))
@example(Decimal("100"), Decimal("200"), "", " ")
@example(Decimal("1234.00"), Decimal("5.00"), ",", " ")
@example(Decimal("1"), Decimal("234.56"), "", " ")
@QUICK
def test_two_numbers_in_a_cell_are_never_joined(a, b, sep, blank):
    text = printed(a, sep, False, "-") + blank + printed(b, sep, False, "-")
    assert parse_number(text) is None, text


@given(st.text(max_size=40))
@QUICK
def test_any_cell_text_reads_without_raising(text):
    got = parse_number(text)
    assert got is None or isinstance(got, Decimal)


# --------------------------------------------------------------------------- a narrative sentence

FILLER = "一、部门职责说明。本部门负责本行政区域内的有关工作，承担上级交办的其他事项，依法履行职能。"

TEMPLATES = {
    # unit → (sentence with {x}, the claim's kind, its subject)
    "万元": ("2026年一般公共预算财政拨款支出{x}万元，比上年有所增加。", "amount", "一般公共预算财政拨款支出"),
    "亿元": ("2026年一般公共预算财政拨款支出{x}亿元，比上年有所增加。", "amount", "一般公共预算财政拨款支出"),
    "元": ("2026年一般公共预算财政拨款支出{x}元，比上年有所增加。", "amount", "一般公共预算财政拨款支出"),
    "%": ("基本支出占一般公共预算财政拨款支出的{x}%。", "share", "基本支出"),
    "%change": ("一般公共预算财政拨款支出比上年增长{x}%。", "change_percent", "一般公共预算财政拨款支出"),
}


def sentence_claims(sentence: str):
    return parse_claims([FILLER + "\n" + sentence + "\n" + FILLER])


@given(amounts(), st.sampled_from(SENTENCE_SEPARATORS), st.booleans(), st.sampled_from(SENTENCE_SIGNS),
       st.sampled_from(sorted(TEMPLATES)))
@example(Decimal("99.79"), "", True, "-", "%")
@example(Decimal("-1234.56"), ",", False, "-", "万元")
@example(Decimal("1234.56"), " ", False, "-", "万元")
@example(Decimal("1234.56"), ",", True, "-", "万元")
@SLOW
def test_a_sentence_states_every_printed_form(value, sep, full_width, sign, unit):
    template, kind, subject = TEMPLATES[unit]
    sentence = template.format(x=printed(value, sep, full_width, sign))
    claims = sentence_claims(sentence)
    got = [(c.kind, c.subject, c.value, c.unit) for c in claims]
    assert got == [(kind, subject, value, unit.removesuffix("change"))], sentence
    assert decimals(claims[0].value) == decimals(value), sentence
    if kind == "share":
        assert claims[0].basis == "一般公共预算财政拨款支出", sentence  # the sign is not part of the words before
    if kind == "amount":
        assert claims[0].year == 2026, sentence


@given(st.lists(st.tuples(amounts(max_places=2), st.sampled_from(SENTENCE_SEPARATORS), st.booleans(),
                          st.sampled_from(SENTENCE_SIGNS)), min_size=3, max_size=3),
       st.sampled_from(["万元", "亿元", "元"]))
@example([(Decimal("1234.56"), " ", False, "-"), (Decimal("-12.30"), ",", True, "－"), (Decimal("-1.5"), "", False, "−")],
         "万元")
@SLOW
def test_every_figure_of_a_sentence_is_stated(figures, unit):
    (a, *fa), (b, *fb), (c, *fc) = figures
    sentence = (f"2026年一般公共预算财政拨款支出{printed(a, *fa)}{unit}，比上年增加{printed(b, *fb)}{unit}，"
                f"增长{printed(c, *fc)}%；其中：基本支出{printed(a, *fa)}{unit}。")
    got = [(x.kind, x.value, x.unit) for x in sentence_claims(sentence)]
    # amounts of one sentence are as precise as the most precise one (yusuan.check.claims.figures._dropped_zeros): compare values
    assert got == [("amount", a, unit), ("change_amount", b, unit), ("change_percent", c, "%"),
                   ("amount", a, unit)], sentence


_WORDS = ["万元", "亿元", "元", "%", "％", "个", "辆", "项", "其中", "占", "比上年", "增加", "减少", "持平", "主要包括",
          "、", "，", "。", "；", "：", "（", "）", "(", ")", "-", "－", "−", "△", ".", "．", ",", "，", " ", "\u2009",
          "\u3000", "\n", "\t", "\x00", "\x0c", "2026年", "一、", "（一）", "1.", "表", "单位：万元", "是指", "名词解释"]


@given(st.lists(st.text(st.one_of(st.sampled_from(list("0123456789０１２３４５６７８９")), st.characters()), max_size=12)
                | st.sampled_from(_WORDS), max_size=60).map("".join),
       st.integers(0, 3))
@SLOW
def test_any_text_parses_without_raising(body, copies):
    pages = [FILLER + "\n" + body + "\n" + FILLER] + [body] * copies
    for claim in parse_claims(pages):
        assert claim.value is None or isinstance(claim.value, Decimal)
