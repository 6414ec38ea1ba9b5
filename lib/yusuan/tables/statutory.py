"""Which statutory tables a disclosure prints: found, declared empty, missing — or not in its template.

A disclosure is complete when it prints every table its template requires, each with figures or
declared empty (本表无数据 / 不涉及 / "本部门没有政府性基金预算…").  What a template requires is data
(``statutory.yml``): the tables every 财政部 template prescribes (``tables``), and those that many, but
not all, provinces add (``where_listed``: 国有资本经营预算支出表, 项目支出表), which a disclosure must
print only when its own contents page (目录) lists them.  Shanghai's nine tables have no 项目支出表;
Chongqing's and Changsha's budgets no 国有资本经营预算支出表: neither is missing anything.
"""
from __future__ import annotations

import re
from typing import Iterable

from yusuan.base.text import clean
from yusuan.tables.printed import EMPTY_RE, PrintedTable
from yusuan.vocab import statutory_tables, title_key

FOUND, EMPTY, MISSING, NOT_LISTED = "found", "empty", "missing", "not in its contents"

# a sentence saying the department has none of a table's money ("本部门无政府性基金预算拨款…", "不涉及")
DECLARED_EMPTY = re.compile(r"不涉及|(本|该)(部门|单位)[^。；\n]{0,12}(没有|无)[^。；\n]{0,20}(预算|经费|收支|支出|收入)")
# a contents line: its numbering and dotted leader with the page number taken off
_LEADER = re.compile(r"[.．。…·\s-]*\d{0,3}\s*$")
_NUMBERING = re.compile(r"^\s*(第?[一二三四五六七八九十\d]+[、.．:：\s]|[（(][一二三四五六七八九十\d]+[）)]|附表\d*[、.．:：]?)\s*")


def contents_keys(page_texts: Iterable[str], first_pages: int = 6) -> set[str]:
    """The table keys a disclosure's contents page (目录, within its first ``first_pages`` pages) lists.

    Lines like "7．2026年预算单位国有资本经营预算支出功能分类预算表……12" → ``state_capital``.  An empty set
    when the disclosure prints no contents page."""
    keys: set[str] = set()
    for k, text in enumerate(page_texts):
        if k >= first_pages:
            break
        lines = [clean(x) for x in (text or "").splitlines()]
        if not any(re.sub(r"\s", "", x).startswith("目录") for x in lines):
            continue
        for line in lines:
            line = _NUMBERING.sub("", _LEADER.sub("", line))
            if 4 <= len(line) <= 60:
                key = title_key(line)
                if key:
                    keys.add(key)
    return keys


def coverage(kind: str, tables: list[PrintedTable], page_texts: list[str]) -> dict[str, str]:
    """For each statutory table of a disclosure of ``kind`` (部门预算, 单位决算, …): ``found`` (a table with
    figures, or one standing in for it), ``empty`` (printed and declared empty, as a table or on its titled
    page), ``missing``, or — for a table only some templates have — ``not in its contents``.

    ``page_texts``: every page's text (with a companion file's, for two-file disclosures).  Returns {} for a
    kind that is neither budget nor final accounts.  Source: statutory.yml (财政部 templates)."""
    from yusuan.tables.rows import find_table

    try:
        required, where_listed = statutory_tables(kind)
    except KeyError:
        return {}
    listed = contents_keys(page_texts) if where_listed else set()
    out = {}
    for key in required + where_listed:
        mine = [t for t in tables if t.key == key or t.key.startswith(key + "-")]
        if any(not t.empty for t in mine) or find_table(tables, key) is not None:
            out[key] = FOUND
        elif mine:
            out[key] = EMPTY
        else:
            out[key] = MISSING
            for text in page_texts:
                lines = [clean(x) for x in (text or "").splitlines()]
                if any(len(x) <= 60 and title_key(x) == key for x in lines) and \
                        (EMPTY_RE.search(clean(text)) or DECLARED_EMPTY.search(clean(text))):
                    out[key] = EMPTY
                    break
            if out[key] == MISSING and key in where_listed and key not in listed:
                out[key] = NOT_LISTED
    return out


def complete(cov: dict[str, str]) -> bool:
    """Every table the disclosure's template requires is found or declared empty."""
    return all(v in (FOUND, EMPTY, NOT_LISTED) for v in cov.values())
