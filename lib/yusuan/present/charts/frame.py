"""Reading a disclosure's tidy frame for charts: the vocabulary (class names and codes, total words, charts.yml),
a table's rows and main columns with their stage and year, totals told from parts, pages and source lines, and
the unit a chart shows (:class:`Scale`: 亿元 from 1亿元 up, else 万元)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from yusuan.base.numbers import parse_number
from yusuan.vocab import class_codes, former_class_names, header_stage, header_year, load, personnel_classes


class NoData(Exception):
    """This chart cannot be drawn for this document; str(exc) says why."""


@lru_cache(maxsize=1)
def config() -> dict:
    """charts.yml: units, titles and chart words (see the file for their source)."""
    return load("charts")


def _w(key: str, **kw) -> str:
    text = config()["words"][key]
    return text.format(**kw) if kw else text


# ------------------------------------------------------------------ classification names

# 政府收支分类科目: the 类 of 支出功能分类 and of the two 经济分类, with the names of earlier years — read from
# classes.yml, the one place they are defined (yusuan.vocab.class_codes)
FUNCTION_CLASSES = class_codes("function_classes")
_CLASS_BY_NAME = {**{v: k for k, v in FUNCTION_CLASSES.items()}, **former_class_names("function_classes")}
ECONOMIC_CODES = {**class_codes("economic_classes"), **class_codes("government_economic_classes")}
ECONOMIC_CLASSES = list(dict.fromkeys(ECONOMIC_CODES.values()))
_PERSONNEL_ECON = {ECONOMIC_CODES[c] for w in ("economic_classes", "government_economic_classes")
                   for c in personnel_classes(w)}
_WAGES = {ECONOMIC_CODES[c] for c in ("301", "501")}  # 工资福利支出 / 机关工资福利支出
_ECON_IN_ITEM = re.compile(r"(?:^|/\s*)(3\d{2})\d{2,4}\s*[-－—]")
TOTAL_ITEMS = {"合计", "总计", "支出总计", "收入总计", "本年支出合计", "本年收入合计", "支出合计", "收入合计", "小计",
               "本年支出", "本年收入"}
_TOTAL_SEGS = ("合计", "总计", "支出总计", "收入总计", "小计", "预算数")
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])\s*")
_FUNDING_SEGS = ("一般公共预算", "政府性基金", "国有资本经营", "财政专户", "单位资金")


def doc_stage(meta: dict) -> str:
    """The stage a disclosure reports (预算 for a budget, 决算 for final accounts): its kind ("部门决算") read with
    the stage words of stages.yml (yusuan.vocab.header_stage); "" when the kind names none."""
    return header_stage([str(meta.get("kind") or "")])


def _norm(item: str) -> str:
    """An item without its list numbering and spaces: '一、一般公共服务支出' → '一般公共服务支出'."""
    s = _NUMBERING.sub("", str(item or "")).replace(" ", "").replace("\u3000", "")
    return s.replace("(", "（").replace(")", "）")


def _total_mask(r: pd.DataFrame) -> pd.Series:
    """Rows that print a table's total: 合计/总计, or a unit row with no item (深圳: the 预算单位 line)."""
    named = pd.Series([_is_total(i) for i in r["item"]], index=r.index, dtype=bool)
    return named | ((r["item"] == "") & (r["section"] != "") & (r["code"] == ""))


def _is_total(item: str) -> bool:
    s = _norm(item)
    return s in TOTAL_ITEMS or bool(re.fullmatch(r"(本年)?(收入|支出)?(合计|总计)", s))


# ------------------------------------------------------------------ reading the tidy frame

def _num(s) -> float | None:
    v = parse_number(s)
    return None if v is None else float(v)


def _table(tidy: pd.DataFrame, key: str, meta: dict | None = None) -> pd.DataFrame:
    """The rows of one table with ``v`` (the printed value as float) and ``stage`` / ``year`` as strings: from the
    tidy frame's columns, or (older processed data without them) read from each column's header with the words of
    stages.yml, defaulting to the disclosure's stage and year."""
    t = tidy[tidy["table"] == key].copy()
    t["v"] = [_num(s) for s in t["value"]]
    t = t[t["v"].notna()]
    meta = meta or {}
    year = meta.get("year")
    if "stage" not in t.columns:
        t["stage"] = [header_stage(_segs(c)) or doc_stage(meta) for c in t["column"]]
    if "year" not in t.columns:
        t["year"] = [header_year(_segs(c), year) or year or "" for c in t["column"]]
    t["stage"] = t["stage"].fillna("").astype(str)
    t["year"] = [str(y).split(".")[0] if str(y) not in ("", "nan", "None") else "" for y in t["year"]]
    return t


def _main_cols(t: pd.DataFrame, cols: list[str], meta: dict) -> list[str]:
    """Of a table's columns, those of the figures the disclosure reports: its stage (a final account's 决算 columns,
    not the budget printed beside them; a budget's 预算 columns, not last year's 执行), then its year (not 上年结转);
    all of them when none is marked so."""
    if t.empty or not cols:
        return cols
    first = t.drop_duplicates("column").set_index("column")
    stage, year = doc_stage(meta), str(meta.get("year") or "")
    for field_, want in (("stage", stage), ("year", year)):
        keep = [c for c in cols if c in first.index and first.at[c, field_] == want]
        if want and keep:
            cols = keep
    return cols


def _stage_year(t: pd.DataFrame, cols: list[str], meta: dict) -> tuple[str, str]:
    """The stage and year of the figures read from `cols` (the most frequent), else the disclosure's."""
    sub = t[t["column"].isin(cols)] if len(t) else t
    stage = sub["stage"].mode().iloc[0] if len(sub) and (sub["stage"] != "").any() else doc_stage(meta)
    year = sub["year"].mode().iloc[0] if len(sub) and (sub["year"] != "").any() else str(meta.get("year") or "")
    return stage or doc_stage(meta), year


def _columns(t: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(t["column"]))


def _segs(col: str) -> list[str]:
    return [s.strip() for s in str(col).split(" / ")]


def _total_col(cols: list[str]) -> str | None:
    for c in cols:
        segs = _segs(c)
        if segs[-1] in _TOTAL_SEGS or re.fullmatch(r"(20\d\d年)?(预算数?)?(合计|总计)", segs[-1]) \
                or (len(segs) == 1 and re.fullmatch(r"20\d\d年(预算数?)?", segs[0])):
            if not any(f in segs[-1] for f in _FUNDING_SEGS):
                return c
    return cols[0] if cols else None


def _cols_with(cols: list[str], word: str) -> list[str]:
    """The columns that carry `word` (e.g. 基本支出); when a group of them has a 小计/合计, only that one."""
    hit = [c for c in cols if any(word in s for s in _segs(c))]
    whole = [c for c in hit if _segs(c)[-1].startswith(word) or (word in c and _segs(c)[-1] in _TOTAL_SEGS)]
    return whole[:1] if whole else hit


def _rows(t: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """One line per printed row: page, row, section, code, item and the sum of `cols`."""
    sub = t[t["column"].isin(cols)]
    if sub.empty:
        return pd.DataFrame(columns=["page", "row", "section", "code", "item", "v", "stage", "year"])
    g = sub.groupby(["page", "row"], sort=False)
    out = g.agg(section=("section", "first"), code=("code", "first"), item=("item", "first"), v=("v", "sum"),
                stage=("stage", "first"), year=("year", "first")).reset_index()
    out["_order"] = [(int(p), int(r)) for p, r in zip(out["page"], out["row"])]
    return out.sort_values("_order").drop(columns="_order").reset_index(drop=True)


def _pages(t: pd.DataFrame, meta: dict, key: str) -> list[int]:
    for m in meta.get("tables", []):
        if m.get("key") == key and m.get("pages"):
            return [int(p) for p in m["pages"]]
    return sorted({int(p) for p in t["page"]}) if len(t) else []


def _table_title(meta: dict, key: str) -> str:
    for m in meta.get("tables", []):
        if m.get("key") == key:
            return m.get("title") or key
    return key


def _page_text(pages: list[int]) -> str:
    if not pages:
        return ""
    if len(pages) == 1:
        return _w("page", pages=pages[0])
    if pages == list(range(pages[0], pages[-1] + 1)):
        return _w("page", pages=f"{pages[0]}–{pages[-1]}")
    return _w("page", pages="、".join(map(str, pages)))


def source_line(meta: dict, key: str, pages: list[int] | None = None, extra: str = "") -> str:
    """来源：<department>《<year>年<kind>公开》「<the table's printed title>」，第 n 页[；extra]."""
    who = meta.get("publisher") or meta.get("file") or "?"
    year = meta.get("year")
    kind = meta.get("kind") or ""
    pages = pages if pages is not None else _pages(pd.DataFrame(columns=["page"]), meta, key)
    head = f"{_w('source')}：{who}《{_w('year', year=year) if year else ''}{kind}公开》"
    table = f"「{_table_title(meta, key)}」"
    where = _page_text(pages)
    return f"{head}{table}{('，' + where) if where else ''}{('；' + extra) if extra else ''}"


# ------------------------------------------------------------------ units

@dataclass
class Scale:
    """How printed amounts are shown: divide a printed amount by ``factor``, label with ``unit`` (charts.yml: 亿元
    from 1亿元, else 万元); ``note`` says when the table printed another unit."""
    unit: str
    factor: float = 1.0
    note: str = ""
    decimals: int = 2

    def label(self) -> str:
        return f"{_w('amount')}（{self.unit}）"

    def show(self, printed: float) -> float:
        """A printed amount in the unit shown (rounded to 6 decimals: the number plotted and written to the CSV)."""
        return round(float(printed) / self.factor, 6)

    def fmt(self, shown: float) -> str:
        return _fmt(shown, self.decimals)

    def text(self, printed: float) -> str:
        """A printed amount as the chart writes it, with its unit: '2.06 亿元'."""
        return f"{self.fmt(self.show(printed))} {self.unit}"


def _yuan(unit: str) -> float | None:
    """How many 元 one printed unit is (charts.yml units), None for a unit not known there."""
    return config()["units"].get(unit)


def _scale(units: set[str], values, decimals: int | None = None) -> Scale:
    """The unit a chart shows its amounts in: one printed unit converted to 亿元 when the largest amount is at
    least 1亿元, else to 万元 (charts.yml ``show``); a missing or mixed unit is shown as printed."""
    conf = config()
    units = {u for u in units if u}
    dec = conf["show"]["decimals"] if decimals is None else decimals
    if len(units) != 1:
        return Scale("/".join(sorted(units)) if units else _w("unit_missing"), 1.0, "", dec)
    printed = next(iter(units))
    per = _yuan(printed)
    if per is None:
        return Scale(printed, 1.0, "", dec)
    big = max((abs(float(v)) for v in values), default=0.0) * per
    large, default = conf["show"]["large"], conf["show"]["default"]
    shown = large if big >= conf["units"][large] else default
    note = _w("converted", printed=printed, shown=shown) if shown != printed else ""
    return Scale(shown, conf["units"][shown] / per, note, dec)


def _fmt(v: float, decimals: int = 2) -> str:
    """Fixed decimals throughout, as the disclosures print 万元 (mixed precision reads as sloppy); a non-zero amount
    too small for them reads '<0.01', never '0.00'."""
    tiny = 0.5 * 10 ** -decimals
    if v and abs(v) < tiny:
        return f"<{10 ** -decimals:.{decimals}f}" if v > 0 else f"−<{10 ** -decimals:.{decimals}f}"
    return f"{v:,.{decimals}f}"


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def _share(part: float, whole: float) -> float:
    return round(100 * part / whole, 2) if whole else float("nan")


def _short(s: str, n: int = 16) -> str:
    s = str(s)
    return s if len(s) <= n else s[: n - 1] + "…"
