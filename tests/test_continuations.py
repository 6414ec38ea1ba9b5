"""A table continued on the next page is one table with one total (issue 23, "continuations").

Final accounts (决算) of unseen documents print a 收入决算表 over two pages with its header rows AND its 合计 row
printed again at the top of the continuation page; read as two totals, the identities took the continuation's
rows alone for the parts of the grand total (four false mismatches in one document).  The PDFs here are
SYNTHETIC (department 测试部门（合成）), typeset in the test in the layout of the national 决算 template
(公开02表: 项目 spanning 科目代码 | 科目名称, 本年收入合计 and six sources of revenue, a 栏次 row, then 合计 and
the 类 / 款 / 项 rows); their figures add up, so any mismatch on them is the reader's fault — except where a
test alters one figure on purpose, and then it must be found.
"""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402

from yusuan.check.identities import run_checks  # noqa: E402
from yusuan.present.style import cjk_font_path  # noqa: E402
from yusuan.steps.extract import extract  # noqa: E402

# each 项 (function class): code, name, 财政拨款收入, 事业收入, 其他收入 — invented figures, names of the
# 2024 支出功能分类科目
ITEMS = [
    ("2010301", "行政运行", "612.40", "", "18.30"),
    ("2010302", "一般行政管理事务", "85.20", "", ""),
    ("2010350", "事业运行", "236.75", "120.00", "6.12"),
    ("2010399", "其他政府办公厅（室）及相关机构事务支出", "40.00", "", ""),
    ("2010601", "行政运行", "98.66", "", ""),
    ("2010607", "信息化建设", "55.00", "", ""),
    ("2080501", "行政单位离退休", "36.18", "", ""),
    ("2080502", "事业单位离退休", "12.40", "3.60", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", "96.32", "8.10", ""),
    ("2080506", "机关事业单位职业年金缴费支出", "18.75", "1.62", ""),
    ("2089999", "其他社会保障和就业支出", "4.20", "", ""),
    ("2101101", "行政单位医疗", "38.54", "", ""),
    ("2101102", "事业单位医疗", "10.21", "2.40", ""),
    ("2101103", "公务员医疗补助", "9.60", "", ""),
    ("2210201", "住房公积金", "72.26", "6.30", ""),
    ("2210203", "购房补贴", "14.05", "", ""),
]
CLASSES = {"201": "一般公共服务支出", "20103": "政府办公厅（室）及相关机构事务", "20106": "财政事务",
           "208": "社会保障和就业支出", "20805": "行政事业单位养老支出", "20899": "其他社会保障和就业支出",
           "210": "卫生健康支出", "21011": "行政事业单位医疗", "221": "住房保障支出", "22102": "住房改革支出"}
SOURCES = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
SPENDING = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
FIRST_PAGE = 17  # 合计 and the rows down to 20899 on the first page; 2089999 … on the next


def _amount(v: D) -> str:
    return "" if v == 0 else f"{v:,.2f}"


def revenue_rows(items=ITEMS) -> list[list[str]]:
    """合计, then each 类, 款 and 项 in order: code, name, then the seven columns of SOURCES."""
    def sums(prefix):
        picked = [i for i in items if i[0].startswith(prefix)]
        return [sum((D(i[k] or 0) for i in picked), D(0)) for k in (2, 3, 4)]

    def row(code, name, fiscal, business, other):
        return [code, name, _amount(fiscal + business + other), _amount(fiscal), "", _amount(business), "", "",
                _amount(other)]

    out, seen = [row("", "合计", *sums(""))], set()
    for code, name, *_ in items:
        for parent in (code[:3], code[:5]):
            if parent not in seen:
                seen.add(parent)
                out.append(row(parent, CLASSES[parent], *sums(parent)))
        out.append(row(code, name, *sums(code)))
    return out


def _page(pdf, title, rows, *, columns=SOURCES, header="template", unit=True, rules="grid", number="公开02表"):
    """One landscape A4 page: the title (none when ""), the table's number (公开02表, printed on every page as
    the national template does), 部门 and 金额单位 lines, then a ruled grid —
    ``header`` "template": 项目 over 科目代码 | 科目名称, each column's name spanning two rows, a 栏次 row; "one":
    a single row 科目编码 | 科目名称 | …; None: no header (the body goes on).  ``rules`` "grid": every cell
    ruled; "horizontal": only rules between rows, as Word and WPS export tables."""
    fp = FontProperties(fname=str(cjk_font_path()))
    fig = plt.figure(figsize=(11.69, 8.27))
    if title:
        fig.text(0.5, 0.935, title, ha="center", fontproperties=fp, fontsize=16)
    fig.text(0.95, 0.965, number, ha="right", fontproperties=fp, fontsize=9)
    if unit:
        fig.text(0.05, 0.9, "部门：测试部门（合成）", fontproperties=fp, fontsize=9)
        fig.text(0.95, 0.9, "金额单位：万元", ha="right", fontproperties=fp, fontsize=9)
    n = len(columns)
    xs = [0.05, 0.13] + [0.40 + k * (0.55 / n) for k in range(n + 1)]
    cells, r = [], 0  # (first row, last row + 1, first column, last column + 1, text, alignment)
    if header == "template":
        cells += [(0, 1, 0, 2, "项目", "center"), (1, 2, 0, 1, "科目代码", "center"), (1, 2, 1, 2, "科目名称", "center"),
                  (2, 3, 0, 2, "栏次", "center")]
        cells += [(0, 2, 2 + j, 3 + j, name, "center") for j, name in enumerate(columns)]
        cells += [(2, 3, 2 + j, 3 + j, str(j + 1), "center") for j in range(n)]
        r = 3
    elif header == "one":
        cells += [(0, 1, j, j + 1, name, "center") for j, name in enumerate(["科目编码", "科目名称", *columns])]
        r = 1
    for row in rows:
        if not row[0] and row[1] in ("合计", "总计"):
            cells.append((r, r + 1, 0, 2, row[1], "center"))
        else:
            cells += [(r, r + 1, 0, 1, row[0], "left"), (r, r + 1, 1, 2, row[1], "left")]
        cells += [(r, r + 1, 2 + j, 3 + j, v, "right") for j, v in enumerate(row[2:])]
        r += 1
    top, h = 0.88, 0.032
    for r0, r1, c0, c1, text, how in cells:
        x0, x1, y0, y1 = xs[c0], xs[c1], top - r1 * h, top - r0 * h
        for xa, ya, xb, yb in ((x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)):
            if rules == "grid":
                fig.add_artist(plt.Line2D([xa, xb], [ya, yb], color="black", lw=0.6))
        if text:
            x = {"left": x0 + 0.004, "right": x1 - 0.004, "center": (x0 + x1) / 2}[how]
            fig.text(x, (y0 + y1) / 2, text, ha=how, va="center", fontproperties=fp, fontsize=8)
    if rules == "horizontal":
        for k in range(r + 1):
            fig.add_artist(plt.Line2D([xs[0], xs[-1]], [top - k * h] * 2, color="black", lw=0.8 if k else 1.0))
    pdf.savefig(fig)
    plt.close(fig)


def typeset(path: Path, pages: list[dict]) -> Path:
    with PdfPages(path, metadata={"CreationDate": None, "Creator": "yusuan tests (synthetic)"}) as pdf:
        for p in pages:
            _page(pdf, **p)
    return path


def two_pages(path: Path, rows=None, *, title="收入决算表", again="收入决算表（续）", header="template",
              total_again=True, header_again=True, rules="grid") -> Path:
    """The 收入决算表 over two pages: the continuation titled ``again`` ("" for none), with the header
    (``header_again``) and the 合计 row (``total_again``) printed again above its rows."""
    rows = rows or revenue_rows()
    rest = ([rows[0]] if total_again else []) + rows[FIRST_PAGE:]
    return typeset(path, [dict(title=title, rows=rows[:FIRST_PAGE], header=header, rules=rules),
                          dict(title=again, rows=rest, header=header if header_again else None, rules=rules)])


def _mismatches(ex):
    return [f"{f.check} {f.table} {f.row} {f.column}: {f.stated} vs {f.computed}"
            for f in run_checks(ex.doc_id, ex.tables) if f.status == "mismatch"]


def _totals(t):
    return [r for r in t.body if "合计" in r[:2]]


# continuations: the header (one row or the template's three) and the 合计 printed again on the next page,
# under a 续 title, the same title, or none — one table, one total, every row once, no mismatch
@pytest.mark.parametrize("again,header,rules", [
    ("收入决算表（续）", "template", "grid"), ("", "template", "grid"), ("收入决算表", "template", "grid"),
    ("续表", "one", "grid"), ("", "one", "grid"), ("", "one", "horizontal"), ("收入决算表（续）", "one", "horizontal")])
def test_header_and_total_printed_again_on_the_next_page_are_one_table(tmp_path, again, header, rules):
    rows = revenue_rows()
    ex = extract(two_pages(tmp_path / "final.pdf", rows, again=again, header=header, rules=rules))
    assert [t.key for t in ex.tables] == ["revenue"]
    t = ex.tables[0]
    assert t.pages == [1, 2]
    assert len(_totals(t)) == 1 and t.body_pages[t.body.index(_totals(t)[0])] == 1
    got = [[c for c in r if c] for r in t.body]
    assert got == [[c for c in r if c] for r in rows]  # every row once, in order
    assert t.body_pages.count(2) == len(rows) - FIRST_PAGE
    assert not _mismatches(ex)
    tidy = ex.tidy
    assert list(tidy[(tidy["item"] == "合计") & (tidy["column"] == "本年收入合计")].value) == ["1606.96"]


# continuations: the 合计 printed again at the top of the next page without the header — still the one total
def test_total_printed_again_without_the_header(tmp_path):
    rows = revenue_rows()
    ex = extract(two_pages(tmp_path / "final.pdf", rows, again="", header_again=False))
    assert [t.key for t in ex.tables] == ["revenue"] and len(ex.tables[0].body) == len(rows)
    assert len(_totals(ex.tables[0])) == 1 and not _mismatches(ex)


# continuations, the other direction: a real error on the continuation page is still a mismatch
def test_an_error_on_the_continuation_page_is_still_found(tmp_path):
    rows = revenue_rows()
    k = next(i for i, r in enumerate(rows) if r[0] == "2101101")
    assert k >= FIRST_PAGE  # on the second page
    rows[k] = rows[k][:2] + ["38.64", "38.64"] + rows[k][4:]  # printed 38.64 where its parts give 38.54
    ex = extract(two_pages(tmp_path / "final.pdf", rows))
    assert [t.key for t in ex.tables] == ["revenue"] and len(_totals(ex.tables[0])) == 1
    found = _mismatches(ex)
    # 21011 行政事业单位医疗 60.75 ≠ 38.64 + 12.61 + 9.60 = 60.85, in 本年收入合计 and in 财政拨款收入
    assert sorted(found) == ["sum_children revenue 19 本年收入合计: 60.75 vs 60.85",
                             "sum_children revenue 19 财政拨款收入: 58.35 vs 58.45"]


# continuations, the other direction: a different table on the next page (another title) stays separate
def test_a_different_table_on_the_next_page_stays_separate(tmp_path):
    rows = revenue_rows(ITEMS[:10])  # one page: 201 and 208
    spending = [r[:2] + [r[2], r[2], "", "", "", ""] for r in rows[:8]]  # 本年支出合计 = 基本支出, 201 only
    spending[0] = ["", "合计", "1,272.43", "1,272.43", "", "", "", ""]
    ex = extract(typeset(tmp_path / "final.pdf", [
        dict(title="收入决算表", rows=rows),
        dict(title="支出决算表", rows=spending, columns=SPENDING, number="公开03表")]))
    assert [t.key for t in ex.tables] == ["revenue", "expenditure"]
    assert [len(t.body) for t in ex.tables] == [len(rows), len(spending)]
    assert not _mismatches(ex)
    # its title not legible, only its number printed: another number, another table
    ex = extract(typeset(tmp_path / "untitled.pdf", [
        dict(title="收入决算表", rows=rows),
        dict(title="", rows=spending, columns=SPENDING, number="公开03表")]))
    assert [t.key for t in ex.tables] == ["revenue", "other-1"]
    assert [len(t.body) for t in ex.tables] == [len(rows), len(spending)]
    # neither title nor number printed: its own header (栏次 1 … 6 under 本年支出合计 …), another table — not
    # its header rows read as body rows of the 收入决算表 (栏次「本年收入合计」1 ≠ 2 + 3 + … was a mismatch)
    ex = extract(typeset(tmp_path / "unnumbered.pdf", [
        dict(title="收入决算表", rows=rows),
        dict(title="", rows=spending, columns=SPENDING, number="")]))
    assert [t.key for t in ex.tables] == ["revenue", "other-1"]
    assert [len(t.body) for t in ex.tables] == [len(rows), len(spending)]
    assert ex.tables[1].header_line()[2:4] == ["本年支出合计", "基本支出"]
    assert not _mismatches(ex)


# continuations, the other direction: the same title and header over a total with other figures is the next
# table of a run (one 收入决算表 per unit, each on its page), not a continuation — each keeps its own total
def test_the_same_header_over_another_total_is_another_table(tmp_path):
    first = revenue_rows(ITEMS[:6])  # a unit with 201 only
    second = revenue_rows(ITEMS[6:])  # another with 208, 210, 221
    for again in ("", "收入决算表"):
        ex = extract(typeset(tmp_path / "final.pdf", [dict(title="收入决算表", rows=first),
                                                      dict(title=again, rows=second)]))
        assert [t.key for t in ex.tables] == ["revenue", "revenue-2"], again
        assert [len(t.body) for t in ex.tables] == [len(first), len(second)]
        assert [len(_totals(t)) for t in ex.tables] == [1, 1]
        assert not _mismatches(ex), again
