"""Recognise printed tables: title, unit, header tree, body rows, continuation pages.

Input: camelot tables (in page order) with the page's text lines.  Output:
:class:`PrintedTable` objects — one per statutory table as the reader sees it,
stitched across pages, header rows flattened into ``parent / child`` paths.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from yusuan.base.numbers import decimals, parse_number, sum_tolerance
from yusuan.base.text import clean, fold
from yusuan.pdf.grid import PCell, PRow
from yusuan.vocab import class_names, column_rules, header_stage, header_year, title_key, words

UNIT_RE = re.compile(r"单位[:：]?\s*(人民币)?\s*(万元|千元|亿元|元)")
EMPTY_RE = re.compile(r"(本|此|该)表(为空|无数据|无内容|数据为空)|无数据|为空表|本表无|空表|无此项|无发生额|无相关(数据|收支|支出)|没有(使用|安排).{0,20}(预算|经费|收支)")
TITLE_RE = re.compile(r"表\s*([（(]续[）)])?\s*\d*$|表[（(].{1,12}[）)]$|^(\d{4}年)?.{2,40}(情况|统计|明细|预算|决算)表")
CODE_RE = re.compile(r"^\d{3}(\d{2}){0,2}$")
COLNUM_CELL = re.compile(r"^(\d{1,2}|[一二三四五六七八九十]+|栏次|行次|[A-Z])$")
BODY_LABEL_RE = re.compile(r"^(合计|总计|小计|本年(收入|支出)?(合计|小计|总计)|一、|二、|（一）|\(一\)|1[.、]|[一二三四五六七八九十]+、)")
YEAR_RE = re.compile(r"^(19|20)\d\d$")
TOL = 2.5


@dataclass
class Column:
    x1: float
    x2: float
    path: list[str] = field(default_factory=list)
    side: str = ""
    role: str = "value"  # code | label | section | value | number (column numbering)
    stage: str = ""  # what its header prints: 预算 | 调整预算 | 执行 | 决算, "" when it prints none (stages.yml)
    year: int | None = None  # the year its header prints (2025年…; 上年 / 本年 resolved), None when none

    @property
    def name(self) -> str:
        return " / ".join(self.path)


@dataclass
class RawTable:
    """One ruled table as camelot found it on one page, with what is printed around it."""
    page: int
    bbox: tuple[float, float, float, float]
    rows: list[PRow]
    above: list[str]  # text lines above the table (nearest last), cleaned
    below: list[str]  # text lines just below the table, cleaned
    flavor: str = "lattice"
    settings: str = ""
    title: str = ""
    unit: str = ""
    number: str = ""  # the table number printed above it (公开02表), "" when none: see find_number


@dataclass
class PrintedTable:
    key: str
    title: str
    unit: str
    pages: list[int]
    columns: list[Column]
    header_rows: list[list[str]]
    body: list[list[str]]  # aligned to columns
    body_pages: list[int]
    empty: bool = False
    settings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    spans: list[list[tuple[float, float]]] | None = None  # forms only: each body cell's left and right edge
    health: dict = field(default_factory=dict)  # health.Health.as_dict(): figures read, own sums failing
    doubtful: str = ""  # why the extraction of this table is in doubt ("" when it is not; see yusuan.check.health)
    year: int | None = None  # the disclosure's year (read_stages): which printed year is the table's own

    @property
    def two_sided(self) -> bool:
        return any(c.side for c in self.columns)

    @property
    def stage(self) -> str:
        """The stage its title names: 决算 for final accounts, 预算 otherwise."""
        return "决算" if "决算" in (self.title or "") else "预算"

    def column_stage(self, j: int) -> str:
        """Column ``j``'s stage: what its header prints (read by :meth:`read_stages`, or from the header of a
        table built without it), else the table's (a 决算 table's plain 合计 is 决算)."""
        c = self.columns[j]
        return c.stage or header_stage(c.path) or self.stage

    def read_stages(self, doc_year: int | None) -> None:
        """Give every column the stage and year its header prints (yusuan.vocab.header_stage / header_year)."""
        self.year = doc_year
        for c in self.columns:
            c.stage, c.year = header_stage(c.path), header_year(c.path, doc_year)

    def current(self, j: int) -> bool:
        """Whether column ``j`` holds the disclosure's own year's figures — what a statement naming no other year
        means: its header prints no year, or the disclosure's.  A table printing 2025年预算数 beside 2026年预算数 is
        read in 2026's; without the disclosure's year (or when the table prints only other years), the latest
        year the table prints is its own.  (Issue 23: a 2026 narrative figure was held to the 2025 column.)"""
        y = self.columns[j].year
        if y is None:
            return True
        years = {c.year for c in self.columns if c.role == "value" and c.year is not None}
        return y == (self.year if self.year in years else max(years))

    def header_line(self) -> list[str]:
        return [c.name for c in self.columns]


# ---------------------------------------------------------------- implementing units

# a row naming a budget unit (the rows under it are its projects or its economic classes)
UNIT_NAME = re.compile(r"(办公室|中心|局|委员会|委|办事处|本部|街道|学校|学院|医院|法院|院|所|站|台|队|馆|处|部门|部|团|会|社|厅|署"
                       r"|公司|集团|单位)([（(][^（）()]{1,30}[）)])?$")
DEPT_TOTAL = re.compile(r"[（(]部门[）)]$|^合计$|^总计$|部门合计")


def _sum_blocks(amounts: list, start: int, unit_like: list[bool]) -> list[int]:
    """Rows from ``start`` on that head a block: followed by two or more rows adding up to them (within
    the printed rounding) — or by one, for a row named like a unit — the block ending there; the next
    block starts after it."""
    heads, i, n = [], start, len(amounts)
    while i < n:
        if amounts[i] is None or amounts[i] <= 0:
            i += 1
            continue
        parts, end = [], None
        for j in range(i + 1, n):
            if amounts[j] is None:
                continue
            parts.append(amounts[j])
            total = sum(parts)
            if (len(parts) >= 2 or unit_like[i]) and abs(total - amounts[i]) <= sum_tolerance(amounts[i], parts):
                end = j + 1
                break
            if total > amounts[i] + sum_tolerance(amounts[i], parts):
                break
        if end is None:
            i += 1
            continue
        heads.append(i)
        i = end
    return heads


def unit_sections(names: list[str], amounts: list) -> list[str]:
    """The implementing unit each row is listed under ("" where none): a row naming a unit (UNIT_NAME), or —
    where most rows are economic classes (classes.yml) — any row that is not one, whose amount is the sum of
    the rows down to the next such row (within the printed rounding), heads them.
    ``amounts``: each row's first figure (Decimal) or None."""
    classes = {fold(c) for key in ("economic_classes", "government_economic_classes") for c in class_names(key)}
    named = [fold(re.sub(r"^[\d\s、.．]+", "", n)) for n in names]
    listed = [n for n, a in zip(named, amounts) if a is not None and n and not DEPT_TOTAL.search(n)]
    if listed and sum(n in classes for n in listed) >= 0.5 * len(listed):
        # units each listed with their economic classes (广州's 基本支出预算表): every other row is a unit
        heads = [i for i, n in enumerate(named) if n and n not in classes and not DEPT_TOTAL.search(n)
                 and amounts[i] is not None]
    else:
        heads = [i for i, n in enumerate(names) if UNIT_NAME.search(n) and not DEPT_TOTAL.search(n)
                 and amounts[i] is not None]
    confirmed = []
    for k, i in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else len(names)
        parts = [a for a in amounts[i + 1:end] if a is not None]
        if parts and abs(sum(parts) - amounts[i]) <= sum_tolerance(amounts[i], parts):
            confirmed.append(i)
    if heads and len(confirmed) < len(heads):
        # some unit names end in words no list foresees (…监狱, …讲师团): where the named units do not add up,
        # read the blocks from the figures — a row followed by two or more rows that add up to it heads them
        blocks = _sum_blocks(amounts, next((i for i, n in enumerate(names) if DEPT_TOTAL.search(n)), -1) + 1,
                             [bool(UNIT_NAME.search(n)) for n in names])
        if len(blocks) > len(confirmed):
            confirmed = blocks
    out = [""] * len(names)
    for k, i in enumerate(confirmed):
        end = confirmed[k + 1] if k + 1 < len(confirmed) else len(names)
        for r in range(i, end):
            out[r] = names[i]
    return out


# ---------------------------------------------------------------- titles and units

def find_title(lines: list[str]) -> str:
    """The title among the lines printed above a table (nearest first wins among equals)."""
    best = ""
    for line in reversed(lines[-8:]):
        t = clean(line)
        if not t or UNIT_RE.search(t) and not t.endswith("表"):
            continue
        if len(t) > 60 or t.startswith(("部门名称", "单位名称", "编制单位", "预算单位")) or re.search(r"[，,。；：:]$", t):
            continue
        if title_key(t) and ("表" in t or "情况" in t):
            return _strip_table_no(t)
        if not best and TITLE_RE.search(t):
            best = _strip_table_no(t)
    return best


# a table's number as templates print it before (or instead of) its title: 表3, 表14-1, 表一, 附表2, 公开表1,
# 部门公开表1, 预算公开表2, 公开02表, 公开 02 表, 预算02表, 决算01表 — a number, not a title
TABLE_NO = re.compile(r"^((部门|预算)?公开表|附表|表)\s*[\d一二三四五六七八九十]+[-—\d]*[:：、.]?\s*"
                      r"|^(部门)?(预算|决算|公开)+\s*\d+\s*表\s*")


def _strip_table_no(t: str) -> str:
    t = TABLE_NO.sub("", t)
    t = re.sub(r"\s*单位[:：].*$", "", t)
    return t.strip()


def find_number(lines: list[str]) -> str:
    """The table number printed above a table (公开02表 on its own line or before the title; nearest first),
    spaces and 续 left out; "" when none."""
    for line in reversed(lines[-8:]):
        m = TABLE_NO.match(clean(line))
        if m:
            return re.sub(r"\s+|[（(]?续[）)]?|[:：、.]$", "", fold(m.group(0)))
    return ""


def find_unit(lines: list[str]) -> str:
    for line in reversed(lines[-8:]):
        m = UNIT_RE.search(clean(line))
        if m:
            return m.group(2)
    return ""


def is_continuation_title(t: str) -> bool:
    return bool(re.search(r"[（(]续[）)]|续表", t))


# ---------------------------------------------------------------- header / body

def _is_number_row(texts: list[str]) -> bool:
    """A row of column numbers (1 2 3 …, 栏次, **) printed under the header."""
    vals = [t for t in texts if t]
    if not vals:
        return False
    if vals[0] in ("栏次", "行次", "*", "**", "***") and all(COLNUM_CELL.match(t) or t.startswith("*") for t in vals[1:]):
        return True
    if len(vals) < 2:
        return False
    if not all(COLNUM_CELL.match(t) for t in vals[1:]) and not all(COLNUM_CELL.match(t) for t in vals):
        return False
    nums = [int(t) for t in vals if t.isdigit()]
    return len(nums) >= 2 and nums == sorted(nums) and nums[-1] <= 40


def _numeric(t: str) -> bool:
    return parse_number(t) is not None and not YEAR_RE.match(t)


def looks_like_body(row: PRow) -> bool:
    """Body rows hold figures, or start with a code, or with a total/ordinal label beside other labels."""
    texts = row.texts()
    vals = [t for t in texts if t]
    if not vals or _is_number_row(texts):
        return False
    if any(_numeric(t) for t in vals[1:]) or (len(vals) == 1 and _numeric(vals[0]) and len(texts) > 1):
        return True
    lead = row.cells[0].text if row.cells else ""
    if lead and CODE_RE.match(lead):
        return True
    if lead and BODY_LABEL_RE.match(lead):
        # "合计 | 因公出国（境）费 | …" is a header; "二、政府性基金预算 | | 二、外交支出" is an (empty) body row
        return all(_numeric(t) or BODY_LABEL_RE.match(t) or CODE_RE.match(t) for t in vals[1:])
    return False


def _blank_item_row(row: PRow) -> bool:
    """An item printed with no figures ("因公出国（境）费 | | |"): its own cells, all blank but the label."""
    if len(row.cells) < 2 or not row.cells[0].text or row.cells[0].from_above:
        return False
    return all(not c.text and not c.from_above for c in row.cells[1:])


def _names_columns(row: PRow) -> bool:
    return any(c.text for c in row.cells[1:])


def split_header(rows: list[PRow]) -> tuple[list[PRow], list[PRow]]:
    i = next((k for k, row in enumerate(rows) if looks_like_body(row)), len(rows))
    # items without figures directly above the first row with figures are body rows, not header rows,
    # provided a real header row (one that names columns) stands above them
    j = i
    while j > 0 and _blank_item_row(rows[j - 1]):
        j -= 1
    if j < i and any(_names_columns(r) for r in rows[:j]):
        i = j
    return rows[:i], rows[i:]


def _edges(cells: list[PCell]) -> list[float]:
    out = []
    for c in cells:
        out += [c.x1, c.x2]
    return out


def _merge_edges(xs: list[float]) -> list[float]:
    xs = sorted(xs)
    merged: list[float] = []
    for x in xs:
        if not merged or x - merged[-1] > TOL:
            merged.append(x)
    return merged


def _row_signature(row: PRow) -> tuple:
    return tuple(round(x) for x in _edges(row.cells))


def build_columns(header: list[PRow], body: list[PRow]) -> list[Column]:
    """Leaf columns: the finest partition of the header cells and the usual body row."""
    edges = []
    for row in header:
        edges += _edges(row.cells)
    if body:
        common = Counter(_row_signature(r) for r in body).most_common(1)[0][0]
        model = next(r for r in body if _row_signature(r) == common)
        edges += _edges(model.cells)
    xs = _merge_edges(edges)
    cols = [Column(a, b) for a, b in zip(xs, xs[1:]) if b - a > TOL]
    for row in header:
        if _is_number_row(row.texts()):
            continue
        for col in cols:
            cell = _covering(row.cells, col)
            if cell is not None and cell.text and (not col.path or col.path[-1] != cell.text):
                col.path.append(cell.text)
    return cols


def _covering(cells: list[PCell], col: Column) -> PCell | None:
    mid = (col.x1 + col.x2) / 2
    for c in cells:
        if c.x1 - TOL <= mid <= c.x2 + TOL:
            return c
    return None


def align(row: PRow, cols: list[Column]) -> list[str]:
    """Put a row's printed cells under the leaf columns."""
    out = [""] * len(cols)
    cells = row.cells
    # same structure as the leaves: each cell covers whole leaves
    exact = all(any(abs(c.x1 - col.x1) <= TOL for col in cols) and any(abs(c.x2 - col.x2) <= TOL for col in cols)
                for c in cells)
    if not exact:
        # a block ruled with other column positions (continuation of the original's next page):
        # match cells to columns by order when the counts agree, ignoring hairline empty slivers
        for candidates in (cells, [c for c in cells if c.width > 8 or c.text]):
            if len(candidates) == len(cols):
                for i, c in enumerate(candidates):
                    out[i] = c.text
                return out
    for c in cells:
        if not c.text:
            continue
        best, best_overlap = None, 0.0
        for i, col in enumerate(cols):
            ov = min(c.x2, col.x2) - max(c.x1, col.x1)
            if ov > max(best_overlap + 0.5, TOL):
                best, best_overlap = i, ov
                if exact:
                    break  # a merged cell's text belongs to its first leaf
        if best is not None:
            out[best] = (out[best] + " " + c.text).strip() if out[best] else c.text
    return out


def assign_sides(cols: list[Column], header: list[PRow]) -> None:
    if not header:
        return
    # a line-number head beside 收入 | 支出 (西安 2021–2022 print 序号 first) is no side of the table
    numbering = column_rules()["line_number"]["header"]
    top = [c for c in header[0].nonblank() if not numbering.search(c.text.replace(" ", ""))]
    if len(top) != 2:
        return
    a, b = top
    if "收入" in a.text and "支出" in b.text:
        for col in cols:
            mid = (col.x1 + col.x2) / 2
            for cell, side in ((a, "收入"), (b, "支出")):
                if cell.x1 - TOL <= mid <= cell.x2 + TOL:
                    col.side = side
                    if col.path and col.path[0] == cell.text:
                        col.path = col.path[1:]
            if not col.side:
                col.side = "支出" if mid > b.x1 else "收入"


def assign_roles(cols: list[Column], body: list[list[str]]) -> None:
    """Each column's role from its header (columns.yml) and its cells: ``number`` (printed line numbers),
    ``code``, ``section`` (implementing unit), ``label`` or ``value`` (amounts)."""
    rules = column_rules()
    for j, col in enumerate(cols):
        name = fold(col.name)
        values = [r[j] for r in body if r[j]]
        numeric = [v for v in values if parse_number(v) is not None]
        digits = [v for v in values if re.fullmatch(r"\d+", v.replace(" ", ""))]
        if name and rules["line_number"]["header"].search(name) and len(digits) >= len(values) * 0.8:
            col.role = "number"
        elif rules["code"]["header"].search(name) and (not values or len(digits) >= max(1, len(values) * 0.6)
                                                        or digits and len(digits) == len(numeric)):
            col.role = "code"  # a 合计 printed across the code column is not a code, and leaves it one
        elif rules["not_amount"]["header"].search(name):
            col.role = "label"
        elif rules["section"]["header"].search(name) and len(numeric) < len(values) * 0.5:
            col.role = "section"
        elif values and len(numeric) < len(values) * 0.5:
            col.role = "label"
        elif not values and rules["label_when_blank"]["header"].search(name) \
                and not rules["label_when_blank"]["unless"].search(name):
            col.role = "label"
        else:
            col.role = "value"
    # a 单位名称 column is the grouping of project rows only when another column names the row
    if not any(c.role == "label" for c in cols):
        for c in cols:
            if c.role == "section":
                c.role = "label"


# ---------------------------------------------------------------- stitching

def _row_key(texts: list[str]) -> tuple:
    return tuple(fold(t) for t in texts if t)


def _repeated_header(rows: list[PRow], header_keys: list[tuple]) -> int:
    """How many of a continuation page's first rows print the table's header again (``header_keys``: its
    rows' :func:`_row_key`), its row of column numbers (栏次 1 2 3 …) included."""
    i = 0
    while i < len(rows) and i < len(header_keys) + 1 and (
        _row_key(rows[i].texts()) in header_keys or _is_number_row(rows[i].texts())
    ):
        i += 1
    return i


def _total_label(texts: list[str]) -> str:
    """A row's label when the row is a table's total (合计, 总计 …: words.yml ``totals.label``), else "".
    The label is the row's words (cells not figures) without spaces: "合　计" in a cell spanning 编码 and
    名称 reads 合计."""
    label = re.sub(r"\s+", "", fold("".join(dict.fromkeys(t for t in texts if t and not _numeric(t)))))
    return label if label and words()["totals"]["label"].match(label) else ""


def _same_cells(a: list[str], b: list[str]) -> bool:
    """Whether two rows print the same cells, in order (blanks aside): the same words, the same figures
    (1,606.96 = 1606.96)."""
    a, b = [t for t in a if t], [t for t in b if t]
    return len(a) == len(b) and all(
        fold(x) == fold(y) or (_numeric(x) and _numeric(y) and parse_number(x) == parse_number(y))
        for x, y in zip(a, b))


def assemble(raw_tables: list[RawTable]) -> list[PrintedTable]:
    """Group raw per-page tables into printed tables and flatten them."""
    groups: list[list[RawTable]] = []
    for rt in [part for raw in raw_tables if not _is_contents([raw]) for part in _split_at_inner_titles(raw)]:
        _lift_caption_rows(rt)
        rt.title = find_title(rt.above)
        rt.unit = find_unit(rt.above)
        rt.number = find_number(rt.above)
        starts_new = bool(rt.title) and not (is_continuation_title(rt.title) and groups)
        if starts_new and groups and fold(rt.title) == fold(_group_title(groups[-1])) \
                and rt.page == groups[-1][-1].page + 1 \
                and not (_starts_form(rt) and title_key(rt.title) == "performance_targets"):
            starts_new = False  # the title reprinted on every page of one table (not a run of one-page forms)
        if not starts_new and groups and _starts_form(rt) and title_key(_group_title(groups[-1])) == "performance_targets":
            # a new form whose title was printed at the foot of the previous page
            rt.title = _group_title(groups[-1])
            starts_new = True
        if not rt.title and rt.number and not (groups and rt.number == groups[-1][0].number):
            # a number printed alone (公开03表; the title not legible, or not printed): another table's unless
            # it is the number of the table before, printed again on its continuation page (公开02表)
            starts_new = True
        first_on_page = not groups or groups[-1][-1].page != rt.page
        blank = not any(t for r in rt.rows for t in r.texts())
        if blank and not rt.title and not starts_new \
                and (not groups or not first_on_page or not _continues(groups[-1], rt)):
            continue  # an empty ruled box that continues nothing
        # an untitled grid below another on the same page is a table of its own (kept as other-N); an
        # untitled grid at the top of a page continues the table before it only when that table ended
        # on the page before and the columns match (never a table pages away, never another layout)
        if not starts_new and groups and first_on_page and not _continues(groups[-1], rt):
            starts_new = True
        own = _own_table(groups[-1], rt) if not starts_new and groups and first_on_page \
            and not is_continuation_title(rt.title) else ""
        if own:
            # a header of its own, or the same header over another total: another table, not this one
            # continued; over another total, the next of a run printed alike (one 收入决算表 per unit)
            rt.title = rt.title or (_group_title(groups[-1]) if own == "total" else "")
            starts_new = True
        if starts_new or not groups or not first_on_page:
            groups.append([rt])
        else:
            groups[-1].append(rt)
    tables: list[PrintedTable] = []
    others = 0
    seen: Counter = Counter()
    for g in groups:
        if _is_contents(g):
            continue
        pt = _flatten(g)
        key = title_key(pt.title) if pt.title else None
        if key == "performance_targets" and not any(c.role == "form" for c in pt.columns):
            key = "performance_list"  # one row per project (项目 | 金额 | 绩效目标), read as a table
        if key is None:
            others += 1
            key = f"other-{others}"
        seen[key] += 1
        if seen[key] > 1:
            key = f"{key}-{seen[key]}"
        pt.key = key
        tables.append(pt)
    # a unit line printed illegibly ("单位：万" … "元" on another line): inherit the previous table's, say so
    for prev, t in zip(tables, tables[1:]):
        if not t.unit and prev.unit and not any(c.role == "form" for c in t.columns):
            t.unit = prev.unit
            t.notes.append(f"unit not legible on the page; assumed {prev.unit} as in the previous table")
    return tables


def _is_caption(t: str) -> bool:
    return bool(
        UNIT_RE.search(t) or t.startswith(("部门名称", "单位名称", "编制单位", "预算单位：", "部门："))
        or (title_key(t) and "表" in t) or (t.endswith("表") and 4 <= len(t) <= 40) or re.fullmatch(r"(预算|决算)?\d+表|表[\d一二三四五六七八九十]+", t)
    )


def _lift_caption_rows(rt: RawTable) -> None:
    """Some tools (Beijing's) print the title and unit inside the ruled area: treat those rows as text above."""
    lifted = 0
    while rt.rows and lifted < 4:
        cells = rt.rows[0].nonblank()
        if cells and not (len(cells) <= 3 and all(_is_caption(c.text) for c in cells)):
            # a caption line cut into columns by text alignment ("部门名称：测 | 试部门…")
            joined = "".join(c.text for c in cells)
            if not (rt.flavor == "stream" and len(cells) <= 4 and (UNIT_RE.search(joined) or joined.startswith("部门名称"))):
                break
        rt.above.extend(c.text for c in cells)
        if len(cells) > 1:
            rt.above.append("".join(c.text for c in cells))  # the whole line, for a unit cut in two
        rt.rows = rt.rows[1:]
        lifted += 1


def _split_at_inner_titles(rt: RawTable) -> list[RawTable]:
    """A second table whose title is printed inside the same ruled area as the first (a row holding only
    "2024年国有资本经营预算支出表 单位：万元"): two tables, the second with that title and unit above it."""
    for i, row in enumerate(rt.rows):
        if i < 2:
            continue
        cells = row.nonblank()
        text = "".join(c.text for c in cells)
        title = re.sub(r"\s*(金额)?单位[:：].*$", "", text)
        if 1 <= len(cells) <= 2 and title.endswith("表") and title_key(title) and not looks_like_body(row):
            unit = text[len(title):]
            second = RawTable(page=rt.page, bbox=rt.bbox, rows=rt.rows[i + 1:], above=[title] + ([unit] if unit else []),
                              below=rt.below, flavor=rt.flavor, settings=rt.settings)
            first = RawTable(page=rt.page, bbox=rt.bbox, rows=rt.rows[:i], above=rt.above, below=[],
                             flavor=rt.flavor, settings=rt.settings)
            return [first] + _split_at_inner_titles(second)
    return [rt]


def _is_contents(group: list[RawTable]) -> bool:
    """A contents page drawn as a grid (目录 | 第一部分 部门概况 | …; 报表 | 报表名称 | 是否空表): a list of
    titles, not a table."""
    first = [fold(c.text) for rt in group[:1] for r in rt.rows[:3] for c in r.nonblank()]
    above = [fold(line) for line in group[0].above[-3:]]
    return "目录" in first or "目录" in above or fold(group[0].title) == "目录" or "报表名称" in first


def _modal_width(rt: RawTable) -> int:
    """The number of printed cells of the table's most common row layout."""
    counts = Counter(len(r.cells) for r in rt.rows if any(r.texts()))
    return counts.most_common(1)[0][0] if counts else 0


def _continues(group: list[RawTable], rt: RawTable) -> bool:
    """Whether an untitled raw table at the top of its page continues ``group``."""
    last = group[-1]
    if rt.page != last.page + 1:
        return False
    if _starts_form(rt):
        return True  # the next form of a run of forms; assemble() decides
    head = [_row_key(r.texts()) for r in group[0].rows[:4]]
    if any(_row_key(r.texts()) in head for r in rt.rows[:3] if any(r.texts())):
        return True  # the header printed again
    same_frame = abs(rt.bbox[0] - last.bbox[0]) <= 10 and abs(rt.bbox[2] - last.bbox[2]) <= 10
    return same_frame or _modal_width(rt) == _modal_width(last)


def _own_table(group: list[RawTable], rt: RawTable) -> str:
    """Whether ``rt``, a page that would continue ``group``, starts a table of its own, and why ("" when it
    does not):

    * ``"header"``: above its first body row it prints a header of its own — rows naming columns over a
      row of column numbers (栏次 1 2 3 …, printed only under a header), its first row not one of the
      group's header rows and not all of them the group's (a continuation page prints its header again);
    * ``"total"``: it prints the group's header again, then a total row named like the one that opens the
      group's body (合计) but with other figures — a continuation page prints the table's total again with
      the same figures, never another (the next table of a run printed alike: each unit's 收入决算表)."""
    header, body = split_header(group[0].rows)
    keys = [_row_key(r.texts()) for r in header]
    i = _repeated_header(rt.rows, keys)
    own, _ = split_header(rt.rows)
    named = [r for r in own if _names_columns(r) and not _is_number_row(r.texts())]
    if not i and any(_is_number_row(r.texts()) for r in own) and any(_row_key(r.texts()) not in keys for r in named):
        return "header"
    first = next((r for r in body if any(r.texts())), None)
    label = _total_label(first.texts()) if first is not None else ""
    lead = next((r for r in rt.rows[i:] if any(r.texts())), None)
    if header and label and i and lead is not None and _total_label(lead.texts()) == label \
            and not _same_cells(lead.texts(), first.texts()):
        return "total"
    return ""


def _group_title(group: list[RawTable]) -> str:
    return next((rt.title for rt in group if rt.title), "")


def _starts_form(rt: RawTable) -> bool:
    first = next((r for r in rt.rows if any(r.texts())), None)
    return bool(first) and fold(first.nonblank()[0].text) in ("项目名称", "项目名称:")


_AMOUNT_HEADER = re.compile(r"金额|预算数|总计|合计|财政拨款|资金|总额|^预算")


def _is_form(group: list[RawTable]) -> bool:
    """A performance table is a *form* (label | value rows: 项目名称 | X, 项目资金 …, indicators) unless it is
    a list: its first printed row names columns — at least three, none a figure, one an amount
    (项目 | 预算数 | 绩效目标; 单位名称 | 项目名称 | 金额 | 绩效目标)."""
    first = next((r for rt in group for r in rt.rows if any(r.texts())), None)
    if first is None:
        return True
    cells = [fold(c.text) for c in first.nonblank()]
    if len(cells) >= 3 and not any(_numeric(c) for c in cells) and any(_AMOUNT_HEADER.search(c) for c in cells[1:]) \
            and (cells[0] not in ("项目名称", "项目名称:") or len(cells) >= 5):
        return False
    return True


def _flatten(group: list[RawTable]) -> PrintedTable:
    first = group[0]
    if title_key(first.title or "") == "performance_targets" and _is_form(group):
        return _flatten_form(group)
    pages = sorted({rt.page for rt in group})
    settings = sorted({rt.settings for rt in group})
    header, body = split_header(first.rows)
    if not body and len(group) > 1:
        # the title and header at the foot of one page, the body on the next
        header, body = split_header(first.rows + group[1].rows)
        group = [first] + group[2:]
    cols = build_columns(header, body)
    assign_sides(cols, header)
    header_keys = [_row_key(r.texts()) for r in header]
    body_rows: list[list[str]] = []
    body_pages: list[int] = []
    for r in body:
        body_rows.append(align(r, cols))
        body_pages.append(r.page)
    notes = []
    for rt in group[1:]:
        rows = rt.rows
        # drop the header rows the continuation page repeats
        i = _repeated_header(rows, header_keys)
        if i:
            notes.append(f"page {rt.page}: {i} repeated header row(s) dropped")
        # and the total printed again under them with the same figures: one table has one total, kept once
        # (read twice, identities would take the rows of this page alone for the parts of the grand total)
        lead = next((k for k in range(i, len(rows)) if any(rows[k].texts())), None)
        if lead is not None:
            again = align(rows[lead], cols)
            if _total_label(again) and any(_total_label(b) and _same_cells(again, b) for b in body_rows):
                notes.append(f"page {rt.page}: the total row printed again ({_total_label(again)}, the same figures) "
                             "dropped; kept once")
                i = lead + 1
        for r in rows[i:]:
            if not any(r.texts()):
                continue
            body_rows.append(align(r, cols))
            body_pages.append(r.page)
    # drop rows that are entirely blank
    keep = [k for k, r in enumerate(body_rows) if any(r)]
    body_rows = [body_rows[k] for k in keep]
    body_pages = [body_pages[k] for k in keep]
    # hairline columns with no header and no content (a frame drawn around the grid)
    keep_cols = [j for j, c in enumerate(cols) if c.path or any(r[j] for r in body_rows)]
    if len(keep_cols) < len(cols):
        cols = [cols[j] for j in keep_cols]
        body_rows = [[r[j] for j in keep_cols] for r in body_rows]
    assign_roles(cols, body_rows)
    joined = _join_rows_split_by_page_break(cols, body_rows, body_pages)
    if joined:
        notes.append(f"{joined} row(s) split across a page break joined (a figure completed by the next page's first row)")
    stacked = _stack_panels(cols, body_rows, body_pages)
    if stacked:
        cols, body_rows, body_pages, note = stacked
        notes.append(note)
        # every panel's columns read again, now that they hold all the panels' rows (a section column
        # naming the panel keeps its role)
        assign_roles([c for c in cols if c.role != "section"], [[v for c, v in zip(cols, r) if c.role != "section"]
                                                             for r in body_rows])
    numbers = [parse_number(v) for r in body_rows for c, v in zip(cols, r) if c.role == "value"]
    has_numbers = any(n is not None and n != 0 for n in numbers)
    note = next((line for rt in group for line in rt.below[:3] if EMPTY_RE.search(line)), "")
    if note:
        notes.append(f"printed note: {note}" + ("" if not has_numbers else " — but the table prints non-zero figures"))
    return PrintedTable(
        key="",
        title=first.title,
        unit=first.unit or next((rt.unit for rt in group if rt.unit), ""),
        pages=pages,
        columns=cols,
        header_rows=[r.texts() for r in header],
        body=body_rows,
        body_pages=body_pages,
        empty=not has_numbers,
        settings=settings,
        notes=notes,
    )


def _printed_decimals(text: str) -> int | None:
    """How many decimals a cell prints, None when it is not one well-formed number (numbers.parse_number)."""
    v = parse_number(text)
    return None if v is None else decimals(v)


def _join_rows_split_by_page_break(cols: list[Column], rows: list[list[str]], pages: list[int]) -> int:
    """A row whose cells run over the foot of a page ("杭州市机动 | … | 12,437.3" on p.21, "车驾驶员考试服务中心 |
    … | 6" at the top of p.22): the continuation is the first row of the next page, with no code of its own
    and, in some amount column, a fragment that completes the figure above it to the precision the column
    prints (12,437.3 + 6 → 12,437.36 where the column prints two decimals) — the figure split, not two
    figures.  Joined into the row above (labels too), in place.  Returns how many rows were joined."""
    values = [j for j, c in enumerate(cols) if c.role == "value"]
    everywhere = Counter(d for r in rows for j in values if r[j] and (d := _printed_decimals(r[j])) is not None)
    if not everywhere:
        return 0
    mode, n = everywhere.most_common(1)[0]
    if n < 0.95 * sum(everywhere.values()) - 2:
        return 0  # a table that drops trailing zeros (12.5 for 12.50): a short figure is no sign of a split
    precision: dict[int, int] = {}
    for j in values:
        counts = Counter(d for r in rows if r[j] and (d := _printed_decimals(r[j])) is not None)
        d, m = counts.most_common(1)[0] if counts else (mode, 0)
        precision[j] = d if m >= 3 else mode
    joined = 0
    k = 1
    while k < len(rows):
        above, row = rows[k - 1], rows[k]
        if pages[k] == pages[k - 1] or any(row[j] and cols[j].role in ("code", "number") for j in range(len(cols))):
            k += 1
            continue
        frags = [j for j in values if row[j]]
        completes = bool(frags) and all(
            above[j] and j in precision and _printed_decimals(above[j] + row[j]) == precision[j]
            and (_printed_decimals(above[j]) != precision[j] or _printed_decimals(row[j]) != precision[j])
            for j in frags)
        others = [j for j in range(len(cols)) if row[j] and j not in values]
        if not completes or any(cols[j].role not in ("label", "section") or not above[j] for j in others):
            k += 1
            continue
        rows[k - 1] = [a + b if b else a for a, b in zip(above, row)]
        del rows[k], pages[k]
        joined += 1
    return joined


def _stack_panels(cols: list[Column], rows: list[list[str]], pages: list[int]):
    """A long list printed in side-by-side panels with the same columns (经济分类 301… | 302…; the 决算
    template's 公开06表: 人员经费 科目代码 | 科目名称 | 决算数 beside 公用经费 科目代码 | 科目名称 | 决算数):
    read it as a reader does, each panel top to bottom, left to right, so codes, labels and totals line
    up as one table.  Panels headed by different words (人员经费, 公用经费) keep them in a section column.
    A total whose label spans into the next panel, where its figure is printed ("公用经费合计" over two
    公用经费 panels), closes that next panel.  Returns None when the columns do not repeat."""
    if any(c.side for c in cols):
        return None
    n = len(cols)
    for k in (2, 3, 4):
        if n % k:
            continue
        w = n // k
        chunks = [cols[i * w:(i + 1) * w] for i in range(k)]
        leaves = [[c.path[-1] if c.path else "" for c in ch] for ch in chunks]
        if any(lv != leaves[0] for lv in leaves[1:]) or not any(leaves[0]):
            continue
        if any([c.role for c in ch] != [c.role for c in chunks[0]] for ch in chunks[1:]):
            continue
        roles = {c.role for c in chunks[0]}
        if "value" not in roles or not roles & {"label", "code"}:
            continue
        parents = [" / ".join(ch[0].path[:-1]) for ch in chunks]
        if len(set(parents)) > 1 and not all(" / ".join(c.path[:-1]) == parents[i] for i, ch in enumerate(chunks)
                                                for c in ch):
            continue  # panels must be headed as wholes
        vals = [j for j, c in enumerate(chunks[0]) if c.role == "value"]
        panels: list[list[tuple[list[str], int, str]]] = [[] for _ in range(k)]
        for r, p in zip(rows, pages):
            parts = [r[i * w:(i + 1) * w] for i in range(k)]
            for i in range(k):
                part = parts[i]
                if not any(part):
                    continue
                nxt = parts[i + 1] if i + 1 < k else None
                if nxt and not any(part[j] for j in vals) and any(nxt[j] for j in vals) \
                        and not any(x for j, x in enumerate(nxt) if j not in vals):
                    parts[i + 1] = [a or b for a, b in zip(part, nxt)]
                    continue
                panels[i].append((part, p, parents[i]))
        out = [x for panel in panels for x in panel]
        sizes = [len(panel) for panel in panels]
        note = (f"{k} panels printed side by side with the same columns were stacked, left to right "
                f"({' + '.join(map(str, sizes))} rows)")
        new_cols = [Column(c.x1, c.x2, [c.path[-1]] if c.path else [], c.side, c.role) for c in chunks[0]]
        out_rows = [part for part, _p, _s in out]
        if len(set(parents)) > 1:
            new_cols = [Column(0, 0, ["栏目"], role="section")] + new_cols
            out_rows = [[sec] + part for part, _p, sec in out]
        else:
            new_cols = [Column(c.x1, c.x2, list(c.path), c.side, c.role) for c in chunks[0]]
        return new_cols, out_rows, [p for _part, p, _s in out], note
    return None


# ---------------------------------------------------------------- forms

def _flatten_form(group: list[RawTable]) -> PrintedTable:
    """A 绩效目标表 is a form, not a grid: keep each printed row's cells in order (no header)."""
    rows = [r for rt in group for r in rt.rows if any(r.texts())]
    width = max(len(r.cells) for r in rows) if rows else 0
    cols = [Column(0, 0, [f"c{j + 1}"], role="form") for j in range(width)]
    body = [[c.text for c in r.cells] + [""] * (width - len(r.cells)) for r in rows]
    spans = [[(c.x1, c.x2) for c in r.cells] + [(0.0, 0.0)] * (width - len(r.cells)) for r in rows]
    unit = "元" if any("（元）" in t or "(元)" in t for r in body for t in r) else \
        "万元" if any("（万元）" in t or "(万元)" in t for r in body for t in r) else ""
    return PrintedTable(
        key="", title=first_title(group), unit=unit,
        pages=sorted({rt.page for rt in group}), columns=cols, header_rows=[], body=body,
        body_pages=[r.page for r in rows], empty=False, settings=sorted({rt.settings for rt in group}),
        notes=["form: cells kept in printed order, no header"], spans=spans,
    )


def first_title(group: list[RawTable]) -> str:
    return next((rt.title for rt in group if rt.title), "")
