"""The workshop kit: minute-by-minute run sheets, slides, a join page for learners, and the
pre-workshop email and feedback form, all made from the same chapter data as the agendas
(`workbook.agenda`, `workbook.course.CHAPTERS`).

    runsheet   blocks of an agenda split into timed steps (talk, demo, activities, buffers)
    slides     a reveal.js deck per agenda, with a QR code of the link learners open
    join       the learners' join page, the pre-workshop email and the feedback form
    paper      A4 or US Letter, from the locale when it says

Plain functions over data, except `slides.print_deck` and `join.write`, which write files."""
