"""Classification paths: a 类/款/项 named in words ("一般公共服务支出（类）统计信息事务（款）专项普查活动（项）",
"法院（款）行政运行（项）支出") read as the segments a function-classification table's rows are found by."""
from __future__ import annotations

import re
from decimal import Decimal

from yusuan.base.numbers import sum_tolerance
from yusuan.tables.rows import FUNCTION_CLASSES, TOTAL_LABEL, TableRow, norm

# --------------------------------------------------------------------------- classification paths

_LEVEL_LEN = {"类": 3, "款": 5, "项": 7}
_PATH_SEG = re.compile(r"([^()]+?)\((类|款|项)\)")


def classification_path(subject: str) -> list[tuple[tuple[str, ...], str]] | None:
    """The function-classification path a subject names, or None.

    "一般公共服务支出（类）统计信息事务（款）专项普查活动（项）" → [(("一般公共服务支出",), "类"),
    (("统计信息事务",), "款"), (("专项普查活动",), "项")]; each level with the names its table row may
    carry ("一般公共服务（类）支出" → ("一般公共服务支出", "一般公共服务")).  Levels must go down (类 → 款 →
    项, any may be left out at the top: "法院（款）行政运行（项）支出"); a trailing word other than 支出 is not
    a path.  A path written with dashes from a class name ("一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行",
    Shanghai) is the same path.
    """
    s = norm(subject or "")
    dashed = re.split(r"[-—－]", s)
    if 2 <= len(dashed) <= 3 and all(dashed) and any(n in FUNCTION_CLASSES for n in (dashed[0], dashed[0] + "支出")):
        segs, trailing = list(zip(dashed, ("类", "款", "项"))), ""  # names may hold brackets: 政府办公厅（室）
    else:
        segs, pos = [], 0
        for m in _PATH_SEG.finditer(s):
            if m.start() != pos:
                return None
            segs.append((m.group(1), m.group(2)))
            pos = m.end()
        trailing = s[pos:]
    if not segs or trailing not in ("", "支出"):
        return None
    levels = [_LEVEL_LEN[lv] for _n, lv in segs]
    if any(b <= a for a, b in zip(levels, levels[1:])):
        return None
    out = []
    for k, (name, level) in enumerate(segs):
        names = [name]
        if k == len(segs) - 1 and trailing and not name.endswith(trailing):
            names.insert(0, name + trailing)
        if level == "类" and not name.endswith("支出"):
            names.append(name + "支出")
        out.append((tuple(dict.fromkeys(names)), level))
    return out


def _path_text(segs) -> str:
    return "".join(f"{names[0]}（{level}）" for names, level in segs)


def _path_coded(rows: list[TableRow], segs) -> tuple[TableRow | None, str]:
    """The row a path names in a table with codes: each level by name under the code of the level above."""
    prefix, hit = "", None
    for names, level in segs:
        n = _LEVEL_LEN[level]
        hits = [r for r in rows if len(r.code) == n and r.code.isdigit() and r.code.startswith(prefix)
                and norm(r.label) in names]
        for name in names:  # the fuller name first ("科学技术支出" before "科学技术")
            exact = [r for r in hits if norm(r.label) == name]
            if exact:
                hits = exact
                break
        where = f"under {hit.code} {hit.label}" if hit is not None else "in the table"
        if not hits and prefix:
            # the text may transpose the words of a name (一般行政事务管理 for the row 一般行政管理事务): under the
            # parent already found, the one row with exactly the same characters
            keys = {"".join(sorted(x)) for x in names}
            hits = [r for r in rows if len(r.code) == n and r.code.isdigit() and r.code.startswith(prefix)
                    and "".join(sorted(norm(r.label))) in keys]
            hits = hits if len(hits) == 1 else []
        if not hits:
            return None, f"no {level} row「{names[0]}」{where}"
        if len(hits) > 1:
            return None, f"{len(hits)} {level} rows「{names[0]}」{where} ({', '.join(r.code for r in hits)})"
        hit, prefix = hits[0], hits[0].code
    return hit, ""


def _path_uncoded(rows: list[TableRow], segs, j: int) -> tuple[TableRow | None, str]:
    """The row a path names in a table without codes, read from the order of the rows: a class runs to the
    next class, a 款 over the rows after it that add up to it."""
    start, end, hit = 0, len(rows), None
    for k, (names, level) in enumerate(segs):
        cands = [r for r in rows[start:end] if norm(r.label) in names and not r.code]
        where = f"under {hit.label}" if hit is not None else "in the table"
        if not cands:
            return None, f"no row「{names[0]}」{where}"
        if level == "类" and len(cands) > 1:
            return None, f"{len(cands)} rows「{names[0]}」{where}"
        hit = cands[0]  # a 款 comes before its 项s; a 项 named like its 款 comes after it
        start = hit.index + 1
        if level == "类":
            end = next((r.index for r in rows[start:]
                        if norm(r.label) in FUNCTION_CLASSES or TOTAL_LABEL.match(norm(r.label))), len(rows))
        elif k + 1 < len(segs) and j in hit.values:
            acc, parts = Decimal(0), []
            for r in rows[start:end]:
                v = r.values.get(j, Decimal(0))
                acc += v
                parts.append(v)
                if abs(acc - hit.values[j]) <= sum_tolerance(hit.values[j], parts):
                    end = r.index + 1
                    break
    return hit, ""
