"""The rules of the workbook, by area: what contacts, exchanges, plans, follow-ups, time blocks and
goals are and how they are checked, keeping in touch (with the one dormant rule), reciprocity,
the presence checklist, who knows whom (graph), how varied a network is (spread), taking stock
and the weekly page. Pure: no sqlite, no files, no widgets. Import each area's module directly;
this package imports none of them, so loading one rule never loads pandas or networkx."""
