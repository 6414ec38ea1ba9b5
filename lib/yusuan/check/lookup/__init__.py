"""Which table cell a narrative subject names: the lookups the fact-check recomputes claims against.

``TableIndex(tables, year).readings(subject, context)`` gives every figure of the extracted tables a stated
amount may be read as, the usual one first: a function class's row, a classification path's 类/款/项 row
("一般公共服务支出（类）统计信息事务（款）专项普查活动（项）"), a total or revenue source named in words of
its own ("支出预算总计", "收支总预算", "本年其他资金收入"), a fund's income with its carry-over, a 三公 figure
(by column, by row, or by the row of a year), a 政府采购 figure (the procurement table's 合计 or
货物/工程/服务 row, any fund column), 人员经费/公用经费 (a column, or rebuilt from the economic
classes by the usual definition), a project by its name.  ``Cell`` says where a figure comes from and how it
was computed, so that every finding can name table, row, column and page.

Modules: ``cells`` (:class:`Cell`, units, the small readers of a subject), ``paths`` (classification paths:
类/款/项 named in words), ``index`` (the tables of a disclosure: rows, totals, 三公, procurement, projects, units,
performance forms), ``readings`` (:class:`TableIndex`: every reading of a narrative subject).  A new narrative
reading goes in ``readings``; a new kind of figure the tables print, in ``index``.
"""
from __future__ import annotations

from yusuan.check.lookup.cells import Cell, convert
from yusuan.check.lookup.paths import classification_path
from yusuan.check.lookup.readings import TableIndex

__all__ = ["Cell", "TableIndex", "convert", "classification_path"]
