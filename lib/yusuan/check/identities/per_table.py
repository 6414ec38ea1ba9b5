"""The identities within one table: a total column = Σ its sibling columns (合计 = 基本支出 + 项目支出), a 类 = Σ
its 款 = Σ its 项 (by code prefix, or by the known class names where no code is printed), listed totals (本年收入合计
= Σ the enumerated rows), a unit = Σ its projects, 收入总计 = 支出总计 in two-sided tables, and the 三公 total = Σ
its items."""
from __future__ import annotations

import re
from decimal import Decimal

from yusuan.base.numbers import half_unit
from yusuan.check.findings import Finding, fmt
from yusuan.check.identities.common import _finding, _sum_finding, row_subject
from yusuan.tables.printed import PrintedTable
from yusuan.tables.rows import (_GRAND, _YEAR_TOTAL, ECONOMIC_CLASSES, ENUM_LABEL, FUNCTION_CLASSES, MEMO_EL, TOTAL_EL,
                                TOTAL_LABEL, TableRow, _sides, grand_total_row, inside_parts, norm, project_rows,
                                table_rows, two_sided_cells)
from yusuan.vocab import ambiguous_class_names, words

PCT_COL = re.compile(r"%|％|率")
# a named subtotal that closes a block of coded rows ("人员经费合计" under 301…/303…)
BLOCK_TOTAL = re.compile(r"^([\u4e00-\u9fff]{2,8})?(合计|小计)$")
AMBIGUOUS_CLASSES = ambiguous_class_names("function_classes")  # 其他支出: a 类, and a 款/项 name too


# --------------------------------------------------------------------------- column sums

def _parts_of(cols: dict[tuple, int], prefix: tuple) -> list[tuple[tuple, int]] | None:
    """Columns that make up ``prefix`` (its own column, its 小计, or recursively the sum of its groups)."""
    if prefix in cols:
        return [(prefix, cols[prefix])]
    totals = [p for p in cols if len(p) == len(prefix) + 1 and p[:-1] == prefix and TOTAL_EL.search(p[-1])]
    if totals:
        return [(totals[0], cols[totals[0]])]
    groups = list(dict.fromkeys(p[len(prefix)] for p in cols if len(p) > len(prefix) and p[:len(prefix)] == prefix))
    out = []
    for i, g in enumerate(groups):
        # "其中：X" is a memo (a part of what stands before it) — unless parts follow it: then it opens the
        # breakdown ("小计 | 其中：基本支出 | 项目支出", 广州)
        if MEMO_EL.search(g) and not (g.startswith("其中") and any(not MEMO_EL.search(h) for h in groups[i + 1:])):
            continue
        sub = _parts_of(cols, prefix + (g,))
        if sub is None:
            return None
        out.extend(sub)
    return out or None


def _check_name(t: PrintedTable, names: list[str]) -> str:
    if t.key.startswith("three_public"):
        return "three_public_sum"
    leaf = {re.sub(r"^\d{4}年", "", n) for n in names}
    if leaf and leaf <= {"基本支出", "项目支出"} and len(leaf) == 2:
        return "basic_plus_project"
    if len(leaf) == 2 and any("人员" in x for x in leaf) and any("公用" in x for x in leaf):
        return "personnel_plus_public"
    return "column_sum"


def check_column_sums(doc_id: str, t: PrintedTable) -> list[Finding]:
    out = []
    if any(c.role == "form" for c in t.columns):
        return out
    for side in _sides(t):
        idx = [j for j, c in enumerate(t.columns) if c.side == side and c.role == "value"]
        paths = {j: tuple(t.columns[j].path) for j in idx}
        rows = table_rows(t, side)
        for j in idx:
            path = paths[j]
            ks = [k for k, el in enumerate(path) if TOTAL_EL.search(el)]
            if not ks or MEMO_EL.search(t.columns[j].name):
                continue
            k = ks[-1]
            prefix, suffix = path[:k], path[k + 1:]
            cand = {}
            for jj in idx:
                p = paths[jj]
                if jj == j or len(p) <= len(prefix) or p[:len(prefix)] != prefix:
                    continue
                if suffix and p[len(p) - len(suffix):] != suffix:
                    continue
                core = p[: len(p) - len(suffix)] if suffix else p
                if len(core) <= len(prefix) or TOTAL_EL.search(core[len(prefix)]) and len(core) == len(prefix) + 1:
                    continue
                cand.setdefault(core, jj)
            if not cand:
                continue
            parts = _parts_of(cand, prefix)
            if not parts:
                continue
            if t.key.startswith("three_public") and _tp_concept(path[k]) == "total":
                # "三公"经费合计 is 出国 + 接待 + 用车; 会议费 and 培训费 printed beside them are not 三公
                parts = [(p, jj) for p, jj in parts if _tp_concept(p[len(prefix)])]
                if not parts:
                    continue
            # a sibling the rows show to lie inside the others (经营支出 inside 基本 + 项目) is no part: named, skipped
            inside = inside_parts(rows, j, [jj for _p, jj in parts])
            parts = [(p, jj) for p, jj in parts if jj not in inside]
            names = [p[len(prefix)] for p, _jj in parts]
            # a sibling column that is not numeric (e.g. a blank 项目支出 read as text) makes the row unverifiable
            others = [jj for jj, c in enumerate(t.columns)
                      if c.side == side and c.role not in ("value", "code", "label", "section")]
            check = _check_name(t, names)
            for r in rows:
                if not any(jj in r.values for _p, jj in parts):
                    continue  # no part printed: blank is not zero, nothing to add up
                if any("%" in (r.texts.get(jj) or "") for _p, jj in parts) or re.search(r"率|%", r.label):
                    continue
                if any(r.texts.get(jj) for jj in others):
                    continue
                total = r.values.get(j, Decimal(0))
                plist = [(" / ".join(p[len(prefix):]), r.values[jj]) for p, jj in parts if jj in r.values]
                out.append(_sum_finding(doc_id, check, t, r, t.columns[j].name, total, plist))
    return out


# --------------------------------------------------------------------------- row sums

def _code_ok(code: str) -> bool:
    return len(code) in (3, 5, 7) and code.isdigit()


def _blocks(rows: list[TableRow]) -> list[tuple[TableRow | None, list[TableRow]]]:
    """Split rows into blocks: (total row or None, coded rows), a new block at each uncoded total/unit row."""
    blocks: list = []
    cur_total, cur = None, []
    for r in rows:
        if not r.code and BLOCK_TOTAL.match(norm(r.label)) and not TOTAL_LABEL.match(norm(r.label)) \
                and cur_total is None and cur and all(c.code for c in cur):
            # a subtotal printed under its block (人员经费合计 after the 301…/303… rows) closes it
            blocks.append((r, cur))
            cur = []
        elif not r.code and (TOTAL_LABEL.match(norm(r.label)) or (r.section and r.label == "" and r.values)
                             or (r.values and not r.label and r is rows[0])):
            if cur or cur_total is not None:
                blocks.append((cur_total, cur))
            cur_total, cur = r, []
        elif r.code:
            cur.append(r)
        elif r.values:
            cur.append(r)  # an uncoded row with numbers inside a coded block: marks the block as irregular
    if cur or cur_total is not None:
        blocks.append((cur_total, cur))
    return blocks


def _value_cols(t: PrintedTable, side: str = "") -> list[int]:
    """Value columns that add up down the rows (not percentages or rates)."""
    return [j for j, c in enumerate(t.columns) if c.side == side and c.role == "value" and not PCT_COL.search(c.name)]


def check_code_hierarchy(doc_id: str, t: PrintedTable) -> list[Finding]:
    out = []
    if t.two_sided:
        return out
    rows = table_rows(t)
    if sum(1 for r in rows if r.code) < 2:
        return out
    cols = _value_cols(t)
    for total_row, block in _blocks(rows):
        coded = [r for r in block if r.code]
        irregular = any(not _code_ok(r.code) for r in block)
        # parent = Σ children by code prefix, children = the next code level present under the parent
        for n, r in enumerate(block):
            if not _code_ok(r.code):
                continue
            desc = []
            for s in block[n + 1:]:
                if s.code and s.code.startswith(r.code) and len(s.code) > len(r.code):
                    desc.append(s)
                else:
                    break
            if not desc:
                continue
            if any(not _code_ok(s.code) for s in desc):
                continue
            level = min(len(s.code) for s in desc)
            kids = [s for s in desc if len(s.code) == level]
            # a 款 whose only 项 is printed under the 款's own code ("21999 其他支出" twice, the same figures):
            # one item, not two
            kids = [s for i, s in enumerate(kids) if not (i and s.code == kids[i - 1].code and s.values == kids[i - 1].values
                                                          and block.index(s) == block.index(kids[i - 1]) + 1)]
            out += _column_sums(doc_id, "sum_children", t, r, kids, cols, name=lambda k: k.code)
        if total_row is not None and coded and not irregular:
            tops = [r for r in coded if len(r.code) == min(len(c.code) for c in coded)]
            if len(tops[0].code) != 3:
                continue
            out += _column_sums(doc_id, "sum_children", t, total_row, tops, cols, name=lambda k: k.code,
                                printed_only=True)
    return out


def check_class_rows(doc_id: str, t: PrintedTable) -> list[Finding]:
    """Tables without codes: total = Σ rows named as classification classes; an economic class = Σ rows under it."""
    out = []
    if t.two_sided:
        return out
    rows = table_rows(t)
    if any(r.code for r in rows):
        return out
    economic = t.key.startswith("general_budget_basic_economic")
    classes = ECONOMIC_CLASSES if economic else FUNCTION_CLASSES
    firsts = lambda r: norm(r.label.split(" / ")[0])  # noqa: E731
    total = grand_total_row(rows)
    cls_rows = [r for r in rows if firsts(r) in classes and (" / " not in r.label or economic)]
    if not cls_rows:
        return out
    # another block (a second unit) in the same table would make the sum meaningless
    if sum(1 for r in rows if TOTAL_LABEL.match(norm(r.label))) > 1 or any(r.section for r in rows):
        return out
    cols = _value_cols(t)
    if total is not None:
        readings = [cls_rows]
        strict = [r for r in cls_rows if firsts(r) not in AMBIGUOUS_CLASSES]
        if strict and len(strict) < len(cls_rows):
            readings.insert(0, strict)  # "其他支出" a 款/项 first, then the 类 229
        tried = [_column_sums(doc_id, "sum_children", t, total, rs, cols, name=firsts, printed_only=True)
                 for rs in readings]
        out += min(tried, key=lambda fs: sum(f.status == "mismatch" for f in fs))
    if economic:
        for n, r in enumerate(cls_rows):
            start = r.index + 1
            end = cls_rows[n + 1].index if n + 1 < len(cls_rows) else len(rows)
            kids = [k for k in rows[start:end] if k.values]
            if not kids:
                continue
            out += _column_sums(doc_id, "sum_children", t, r, kids, cols)
    return out


_FLAT_TOTAL = re.compile(r"^(合计|总计|收入总计|支出总计)$")


def check_listed_totals(doc_id: str, t: PrintedTable) -> list[Finding]:
    """Tables without codes or known classes (采购明细, 收入 by source, 购买服务明细): the total is
    the sum of the 小计 groups, of the enumerated (一、二、) rows, or — for a plain list — of every row.
    A row's place in the hierarchy is read from which label column it starts in."""
    out = []
    if t.two_sided:
        return out
    rows = table_rows(t)
    if any(r.code for r in rows):
        return out
    label_cols = [j for j, c in enumerate(t.columns) if c.role in ("label", "section")]
    if not label_cols:
        return out
    totals = [r for r in rows if _FLAT_TOTAL.match(norm(r.label))]
    if len(totals) != 1:
        return out
    total = totals[0]
    cols = [j for j in _value_cols(t) if j in total.values and not MEMO_EL.search(t.columns[j].name)]
    others = [r for r in rows if r is not total]
    if not cols or not others:
        return out
    first = label_cols[0]
    head = lambda r: bool(r.texts.get(first, ""))  # noqa: E731  (starts in the first label column)
    sub = [r for r in others if "小计" in r.label]
    enum = [r for r in others if any(ENUM_LABEL.match(r.texts.get(j, "") or "") for j in label_cols)]
    if sub:
        # each "X / 小计" = Σ the rows under it (first label column blank); total = Σ 小计
        for n, r in enumerate(others):
            if r not in sub:
                continue
            kids = []
            for k in others[n + 1:]:
                if head(k) or "小计" in k.label:
                    break
                kids.append(k)
            for j in cols:
                if kids and (j in r.values or any(j in k.values for k in kids)):
                    parts = [(k.label, k.values[j]) for k in kids if j in k.values]
                    out.append(_sum_finding(doc_id, "sum_children", t, r, t.columns[j].name,
                                            r.values.get(j, Decimal(0)), parts))
        parts_rows = [r for r in others if r in sub or (head(r) and r.values and "小计" not in r.label
                                                        and not any(k in sub for k in others))]
    elif enum:
        parts_rows = enum
    elif all(head(r) for r in others) and not any(re.search(r"其中|合计|小计", r.label) for r in others):
        parts_rows = others
        nonzero = [r for r in others if any(r.values.get(j) for j in cols)]
        if len(nonzero) > 1 and any(all(r.values.get(j) == total.values[j] for j in cols) for r in nonzero):
            return out  # a row repeating the total (a department above its units) is a level, not a list
    else:
        return out
    for j in cols:
        parts = [(r.label, r.values[j]) for r in parts_rows if j in r.values]
        out.append(_sum_finding(doc_id, "sum_children", t, total, t.columns[j].name, total.values[j], parts))
    return out


def _column_sums(doc_id: str, check: str, t: PrintedTable, parent: TableRow, kids: list[TableRow], cols,
                 name=lambda k: k.label, printed_only: bool = False) -> list[Finding]:
    """parent = Σ kids in every value column where either prints a figure (a blank parent cell is zero);
    ``printed_only``: only where the parent prints one."""
    out = []
    for j in cols:
        if j not in parent.values and (printed_only or not any(j in k.values for k in kids)):
            continue
        parts = [(name(k), k.values[j]) for k in kids if j in k.values]
        out.append(_sum_finding(doc_id, check, t, parent, t.columns[j].name, parent.values.get(j, Decimal(0)), parts))
    return out


def check_projects(doc_id: str, t: PrintedTable) -> list[Finding]:
    out = []
    if t.two_sided or any(c.role == "section" for c in t.columns):
        return out
    dept, units, loose = project_rows(t)
    cols = _value_cols(t)
    for unit, projects in units:
        if not projects:
            continue
        out += _column_sums(doc_id, "sum_children", t, unit, projects, cols)
    if dept is not None and (units or loose):
        members = [u for u, _p in units] + loose
        out += _column_sums(doc_id, "sum_children", t, dept, members, cols, printed_only=True)
    return out


_PLAIN_TOTAL = re.compile(r"^合计$")
_GRAND_LAST = {"收入": re.compile(r"^收入合计$"), "支出": re.compile(r"^支出合计$")}


def _last_label(rows, rx):
    hits = [r for r in rows if rx.match(norm(r[2] or ""))]
    return hits[-1] if hits else None


def _grand_from_year_total(doc_id, t, side, grand, group) -> list[Finding]:
    """收入合计 (last row) = 当年收入小计 + the rows between (上年结转资金 …)."""
    out = []
    lj, vcols, rows = group
    year = _find_label(rows, _YEAR_TOTAL[side])
    if year is None or year[0] >= grand[0] or ENUM_LABEL.match(year[2] or ""):
        return out  # "一、本年收入" heads its sub-items: the rows between are not all parts
    between = [r for r in rows if year[0] < r[0] < grand[0]]
    side_year = [v for r in [year] for v in r[3].values()]
    for j in vcols:
        if MEMO_EL.search(t.columns[j].name) or j not in grand[3]:
            continue
        y = year[3].get(j, side_year[0] if len(set(side_year)) == 1 else None)
        if y is None:
            continue
        parts = [(norm(year[2]), y)] + [(norm(r[2]), r[3][j]) for r in between if j in r[3]]
        row = TableRow(grand[0], grand[1], side, "", grand[2], "")
        out.append(_sum_finding(doc_id, "sum_children", t, row, f"{side} / {t.columns[j].name}", grand[3][j], parts))
    return out


def _find_label(rows, rx):
    for i, page, label, vals in rows:
        if rx.match(norm(label)):
            return i, page, label, vals
    return None


def check_two_sided(doc_id: str, t: PrintedTable) -> list[Finding]:
    out = []
    if not t.two_sided:
        return out
    cells = two_sided_cells(t)
    if "收入" not in cells or "支出" not in cells or not cells["收入"] or not cells["支出"]:
        return out
    inc, exp = cells["收入"][0], cells["支出"][0]
    gi, ge = _find_label(inc[2], _GRAND["收入"]), _find_label(exp[2], _GRAND["支出"])
    if gi is None and ge is None:
        # some tools end with 收入合计 / 支出合计 below 当年收入小计 and 上年结转: the last such row is the grand total
        gi, ge = _last_label(inc[2], _GRAND_LAST["收入"]), _last_label(exp[2], _GRAND_LAST["支出"])
        if gi and ge and gi[0] == ge[0] and gi[0] == max(r[0] for r in inc[2] if r[2] or r[3]):
            for side, g, grp in (("收入", gi, inc), ("支出", ge, exp)):
                out += _grand_from_year_total(doc_id, t, side, g, grp)
        else:
            gi = ge = None
    if gi and ge and inc[1] and exp[1]:
        a, b = gi[3].get(inc[1][0]), ge[3].get(exp[1][0])
        if b is None:
            # 支出合计 printed once, under the last column group (支出用途)
            other = {v for _lj, _v, rows in cells["支出"] for v in rows[ge[0]][3].values()}
            b = other.pop() if len(other) == 1 else None
        if (a is None) != (b is None):
            # one grand total left blank (上海 prints 收入总计 with no figure): not printed is not zero
            blank, printed = ("收入总计", b) if a is None else ("支出总计", a)
            row = TableRow(gi[0], gi[1], "收入", "", gi[2], "")
            out.append(Finding(doc_id=doc_id, check="revenue_equals_expenditure", status="unverifiable",
                               severity="info", table=t.key, row=gi[0], column="", page=gi[1], stated=None,
                               computed=printed, unit=t.unit, subject=row_subject(t, row, ""),
                               reason=f"{blank} is left blank: the table prints only the other side ({fmt(printed)})",
                               message=f"表 {t.key} 第{gi[0]}行 {blank} 空白，无法与 {fmt(printed)} 相比"))
        elif a is not None:
            row = TableRow(gi[0], gi[1], "收入", "", gi[2], "")
            f = _finding(doc_id, "revenue_equals_expenditure", t, row, "", a, b, half_unit(a) + half_unit(b),
                         f"支出总计（第{ge[0]}行）")
            out.append(f)
    # 本年收入合计 / 本年支出合计 = Σ enumerated rows above them (or below a 合计 printed first)
    for side in ("收入", "支出"):
        groups = cells[side]
        tot_idx = None
        for rx in (_YEAR_TOTAL[side], _PLAIN_TOTAL):
            hits = [found[0] for _lj, _v, rows in groups if (found := _find_label(rows, rx))]
            if hits:
                tot_idx = min(hits)
                break
        if tot_idx is None:
            continue
        # the side's figures on the total row, whichever group prints them ("当年支出小计" is printed
        # once, under 支出用途, and totals the 功能分类 list as well)
        side_vals = [v for _lj, _v, rows in groups for v in rows[tot_idx][3].values()]
        for lj, vcols, rows in groups:
            tot = rows[tot_idx]
            if ENUM_LABEL.match(groups[0][2][tot_idx][2] or "") or ENUM_LABEL.match(tot[2] or ""):
                continue  # "一、本年收入" heads its own sub-items; it is not the sum of its enumerated siblings
            if tot[0] == 0:
                below = []
                for r in rows[1:]:
                    if TOTAL_LABEL.match(norm(r[2] or "")) or _YEAR_TOTAL[side].match(norm(r[2] or "")):
                        break
                    below.append(r)
                above = [r for r in below if ENUM_LABEL.match(r[2] or "")]
            else:
                above = [r for r in rows if r[0] < tot[0] and ENUM_LABEL.match(r[2] or "")]
            if not above:
                continue
            if not tot[2]:
                tot = (tot[0], tot[1], groups[0][2][tot_idx][2], tot[3])
            for j in vcols:
                if MEMO_EL.search(t.columns[j].name):
                    continue
                if j in tot[3]:
                    total = tot[3][j]
                elif len(set(side_vals)) == 1 and any(j in r[3] for r in above):
                    total = side_vals[0]
                else:
                    continue  # the total is printed in another column group
                tot = (tot[0], tot[1], tot[2], {**tot[3], j: total})
                parts = [(norm(r[2]), r[3][j]) for r in above if j in r[3]]
                row = TableRow(tot[0], tot[1], side, "", tot[2], "")
                out.append(_sum_finding(doc_id, "sum_children", t, row, f"{side} / {t.columns[j].name}",
                                        tot[3].get(j, Decimal(0)), parts))
    return out


# --------------------------------------------------------------------------- 三公

_TP = [(concept, c["header"]) for concept, c in words()["three_public"].items()]  # words.yml
_ITEM_LEAD = re.compile(r"^(其中[:：]?)?\s*([（(]\d+[)）]|\d+[、.．]|[①②③④])?\s*")


def _tp_concept(el: str) -> str | None:
    e = _ITEM_LEAD.sub("", norm(el))  # "其中：（1）公务用车购置费", "（2）公务用车运行费"
    for name, rx in _TP:
        if rx.search(e):
            return name
    if "三公" in e and TOTAL_EL.search(e):
        return "total"
    return None


def check_three_public(doc_id: str, t: PrintedTable) -> list[Finding]:
    """Row layout (labels name the items) only; column layouts are covered by check_column_sums."""
    out = []
    rows = table_rows(t)
    concept_rows: dict = {}
    for r in rows:
        c = _tp_concept(r.label)
        if c is None and TOTAL_LABEL.match(norm(r.label)):
            c = "total"
        if c and c not in concept_rows:
            concept_rows[c] = r
    if len(concept_rows) < 2:
        return out
    cols = _value_cols(t)
    for total_key, part_keys, what in (("total", ("abroad", "reception", "car"), "出国+接待+用车"),
                                       ("car", ("car_buy", "car_run"), "购置+运行")):
        tr = concept_rows.get(total_key)
        if tr is None or not any(k in concept_rows for k in part_keys):
            continue
        if total_key == "total" and "car" not in concept_rows and not ("car_buy" in concept_rows or "car_run" in concept_rows):
            continue
        prs = []
        for k in part_keys:
            if k in concept_rows:
                prs.append(concept_rows[k])
            elif k == "car":
                prs += [concept_rows[x] for x in ("car_buy", "car_run") if x in concept_rows]
        out += _column_sums(doc_id, "three_public_sum", t, tr, prs, cols, name=lambda p: norm(p.label))
    return out
