"""Who may open what: the access table the tests run, and the README's "Who can see what" is made from.

Each row is a page or an action; each column one of the people in
``world.PEOPLE``, in order. Rows about one report have a line for each place on
the ladder (``world.build``). What a cell says:

- ``login``: sent to log in (the admin's login page for the admin);
- ``404``: "not found", whether or not it exists; ``gone``: the admin says it does not exist;
- ``403``: the page exists and this person may not use it;
- the report's page: the letters of the internal notes it shows (``world.NOTES``),
  ``-`` for none; ``meta``: where the report is, never what it says;
- a list: ``in`` or ``out``, whether the report is on it;
- an action: ``done``, or ``refused`` with nothing changed.

Two places are off the ladder: a concern raised as a child at risk, and a
complaint the class teacher referred to safeguarding; neither concerns a member
of staff. Their internal notes: ``s``, the safeguarding team's.

Anything a cell does not allow must fail the test: loosen one rule in
access/rules.py or access/visibility.py and a cell goes red.
"""

PEOPLE = [
    "anonymous", "reporter", "other parent", "class teacher", "other teacher", "office", "leadership", "governor",
    "chair", "concerned", "superuser", "safeguarding lead", "clerk",
]  # fmt: skip

STATES = [
    "at the class teacher", "escalated to the office", "passed to the head", "at the governors",
    "closed by the governors", "withdrawn", "raised as a safeguarding concern", "referred to safeguarding",
]  # fmt: skip


def row(text):
    cells = text.split()
    assert len(cells) == len(PEOPLE), text
    return dict(zip(PEOPLE, cells, strict=True))


# fmt: off
#                                                 anon    rep     par2    teach   teach2  office  head    gov     chair   conc    super   dsl     clerk
REPORT_ROWS = {
    "the report's page /reports/<ref>/": {
        "at the class teacher":              row("login   -       404     t       404     404     t       404     404     404     404     404 404"),
        "escalated to the office":           row("login   -       404     t       404     to      to      404     404     404     404     404 404"),
        "passed to the head":                row("login   -       404     t       404     to      toh     404     404     404     404     404 404"),
        "at the governors":                  row("login   r       404     t       404     to      to      gr      gr      404     404     404 gr"),
        "closed by the governors":           row("login   r       404     t       404     to      to      gr      gr      404     404     404 gr"),
        "withdrawn":                         row("login   -       404     t       404     404     t       404     404     404     404     404 404"),
        "raised as a safeguarding concern":  row("login   -       404     404     404     404     404     404     404     404     404     s 404"),
        "referred to safeguarding":          row("login   -       404     404     404     404     404     404     404     404     404     ts 404"),
    },
    "one of its files /reports/<ref>/evidence/<id>/": {
        "at the class teacher":              row("login   200     404     200     404     404     200     404     404     404     404     404 404"),
        "escalated to the office":           row("login   200     404     200     404     200     200     404     404     404     404     404 404"),
        "passed to the head":                row("login   200     404     200     404     200     200     404     404     404     404     404 404"),
        "at the governors":                  row("login   200     404     200     404     200     200     200     200     404     404     404 200"),
        "closed by the governors":           row("login   200     404     200     404     200     200     200     200     404     404     404 200"),
        "withdrawn":                         row("login   200     404     200     404     404     200     404     404     404     404     404 404"),
        "raised as a safeguarding concern":  row("login   200     404     404     404     404     404     404     404     404     404     200 404"),
        "referred to safeguarding":          row("login   200     404     404     404     404     404     404     404     404     404     200 404"),
    },
    "who opened it /reports/<ref>/access/": {
        "at the class teacher":              row("login   404     404     404     404     404     200     404     404     404     200     404 404"),
        "escalated to the office":           row("login   404     404     404     404     404     200     404     404     404     200     404 404"),
        "passed to the head":                row("login   404     404     404     404     404     200     404     404     404     200     404 404"),
        "at the governors":                  row("login   404     404     404     404     404     200     404     404     404     200     404 404"),
        "closed by the governors":           row("login   404     404     404     404     404     200     404     404     404     200     404 404"),
        "withdrawn":                         row("login   404     404     404     404     404     200     404     404     404     200     404 404"),
        "raised as a safeguarding concern":  row("login   404     404     404     404     404     404     404     404     404     200     404 404"),
        "referred to safeguarding":          row("login   404     404     404     404     404     404     404     404     404     200     404 404"),
    },
    "add an internal note (POST)": {
        "at the class teacher":              row("login   refused 404     done    404     404     done    404     404     404     404     404 404"),
        "escalated to the office":           row("login   refused 404     refused 404     done    done    404     404     404     404     404 404"),
        "passed to the head":                row("login   refused 404     refused 404     refused done    404     404     404     404     404 404"),
        "at the governors":                  row("login   refused 404     refused 404     refused refused refused refused 404     404     404     done"),
        "closed by the governors":           row("login   refused 404     refused 404     refused refused refused refused 404     404     404 refused"),
        "withdrawn":                         row("login   refused 404     refused 404     404     refused 404     404     404     404     404 404"),
        "raised as a safeguarding concern":  row("login   404     404     404     404     404     404     404     404     404     404     404 404"),
        "referred to safeguarding":          row("login   404     404     404     404     404     404     404     404     404     404     404 404"),
    },
    "correct whom it concerns, re-routing it (POST)": {
        "at the class teacher":              row("login   refused 404     done    404     404     done    404     404     404     404     404 404"),
        "escalated to the office":           row("login   refused 404     refused 404     done    done    404     404     404     404     404 404"),
        "passed to the head":                row("login   refused 404     refused 404     refused done    404     404     404     404     404 404"),
        "at the governors":                  row("login   refused 404     refused 404     refused refused refused refused 404     404     404     done"),
        "closed by the governors":           row("login   refused 404     refused 404     refused refused refused refused 404     404     404 refused"),
        "withdrawn":                         row("login   refused 404     refused 404     404     refused 404     404     404     404     404 404"),
        "raised as a safeguarding concern":  row("login   404     404     404     404     404     404     404     404     404     404     404 404"),
        "referred to safeguarding":          row("login   404     404     404     404     404     404     404     404     404     404     404 404"),
    },
    "withdraw it (POST)": {
        "at the class teacher":              row("login   done    404     refused 404     404     refused 404     404     404     404     404 404"),
        "escalated to the office":           row("login   done    404     refused 404     refused refused 404     404     404     404     404 404"),
        "passed to the head":                row("login   done    404     refused 404     refused refused 404     404     404     404     404 404"),
        "at the governors":                  row("login   done    404     refused 404     refused refused refused refused 404     404     404 refused"),
        "closed by the governors":           row("login   refused 404     refused 404     refused refused refused refused 404     404     404 refused"),
        "withdrawn":                         row("login   refused 404     refused 404     404     refused 404     404     404     404     404 404"),
        "raised as a safeguarding concern":  row("login   404     404     404     404     404     404     404     404     404     404     404 404"),
        "referred to safeguarding":          row("login   404     404     404     404     404     404     404     404     404     404     404 404"),
    },
    "my queue /queue/": {
        "at the class teacher":              row("login   403     403     in      out     out     out     out     out     out     403     403 out"),
        "escalated to the office":           row("login   403     403     out     out     in      out     out     out     out     403     403 out"),
        "passed to the head":                row("login   403     403     out     out     out     in      out     out     out     403     403 out"),
        "at the governors":                  row("login   403     403     out     out     out     out     out     out     out     403     403     in"),
        "closed by the governors":           row("login   403     403     out     out     out     out     out     out     out     403     403 out"),
        "withdrawn":                         row("login   403     403     out     out     out     out     out     out     out     403     403 out"),
        "raised as a safeguarding concern":  row("login   403     403     out     out     out     out     out     out     out     403     403 out"),
        "referred to safeguarding":          row("login   403     403     out     out     out     out     out     out     out     403     403 out"),
    },
    "escalated complaints /governors/": {
        "at the class teacher":              row("login   403     403     403     403     403     out     out     out     out     403     403 out"),
        "escalated to the office":           row("login   403     403     403     403     403     out     out     out     out     403     403 out"),
        "passed to the head":                row("login   403     403     403     403     403     out     out     out     out     403     403 out"),
        "at the governors":                  row("login   403     403     403     403     403     in      in      in      out     403     403 in"),
        "closed by the governors":           row("login   403     403     403     403     403     in      in      in      out     403     403 in"),
        "withdrawn":                         row("login   403     403     403     403     403     out     out     out     out     403     403 out"),
        "raised as a safeguarding concern":  row("login   403     403     403     403     403     out     out     out     out     403     403 out"),
        "referred to safeguarding":          row("login   403     403     403     403     403     out     out     out     out     403     403 out"),
    },
    "my reports /reports/": {
        state: row("login   in      out     out     out     out     out     out     out     out     out     out out") for state in STATES
    },
    "my notifications /notifications/": {
        "at the class teacher":              row("login   403     403     in      out     out     out     out     out     out     403     out out"),
        "escalated to the office":           row("login   403     403     in      out     in      out     out     out     out     403     out out"),
        "passed to the head":                row("login   403     403     in      out     in      in      out     out     out     403     out out"),
        "at the governors":                  row("login   403     403     in      out     in      out     in      out     out     403     out     in"),
        "closed by the governors":           row("login   403     403     in      out     in      in      in      out     out     403     out     in"),
        "withdrawn":                         row("login   403     403     in      out     out     out     out     out     out     403     out out"),
        "raised as a safeguarding concern":  row("login   403     403     out     out     out     out     out     out     out     403     in out"),
        "referred to safeguarding":          row("login   403     403     out     out     out     out     out     out     out     403     in out"),
    },
    "the admin's list of reports": {
        "at the class teacher":              row("login   login   login   login   login   out     in      login   login   out     in      login 403"),
        "escalated to the office":           row("login   login   login   login   login   in      in      login   login   out     in      login 403"),
        "passed to the head":                row("login   login   login   login   login   in      in      login   login   out     in      login 403"),
        "at the governors":                  row("login   login   login   login   login   in      in      login   login   out     in      login 403"),
        "closed by the governors":           row("login   login   login   login   login   in      in      login   login   out     in      login 403"),
        "withdrawn":                         row("login   login   login   login   login   out     in      login   login   out     in      login 403"),
        "raised as a safeguarding concern":  row("login   login   login   login   login   in      in      login   login   in      in      login 403"),
        "referred to safeguarding":          row("login   login   login   login   login   in      in      login   login   in      in      login 403"),
    },
    "the admin's CSV export of reports": {
        "at the class teacher":              row("login   login   login   login   login   out     in      login   login   out     403     login 403"),
        "escalated to the office":           row("login   login   login   login   login   in      in      login   login   out     403     login 403"),
        "passed to the head":                row("login   login   login   login   login   in      in      login   login   out     403     login 403"),
        "at the governors":                  row("login   login   login   login   login   in      in      login   login   out     403     login 403"),
        "closed by the governors":           row("login   login   login   login   login   in      in      login   login   out     403     login 403"),
        "withdrawn":                         row("login   login   login   login   login   out     in      login   login   out     403     login 403"),
        "raised as a safeguarding concern":  row("login   login   login   login   login   in      in      login   login   in      403     login 403"),
        "referred to safeguarding":          row("login   login   login   login   login   in      in      login   login   in      403     login 403"),
    },
    "the report in the admin": {
        "at the class teacher":              row("login   login   login   login   login   gone    t       login   login   gone    meta    login 403"),
        "escalated to the office":           row("login   login   login   login   login   to      to      login   login   gone    meta    login 403"),
        "passed to the head":                row("login   login   login   login   login   to      toh     login   login   gone    meta    login 403"),
        "at the governors":                  row("login   login   login   login   login   to      to      login   login   gone    meta    login 403"),
        "closed by the governors":           row("login   login   login   login   login   to      to      login   login   gone    meta    login 403"),
        "withdrawn":                         row("login   login   login   login   login   gone    t       login   login   gone    meta    login 403"),
        "raised as a safeguarding concern":  row("login   login   login   login   login   meta    meta    login   login   meta    meta    login 403"),
        "referred to safeguarding":          row("login   login   login   login   login   meta    meta    login   login   meta    meta    login 403"),
    },
    "its history in the admin": {
        "at the class teacher":              row("login   login   login   login   login   403     200     login   login   403     403     login 403"),
        "escalated to the office":           row("login   login   login   login   login   200     200     login   login   403     403     login 403"),
        "passed to the head":                row("login   login   login   login   login   200     200     login   login   403     403     login 403"),
        "at the governors":                  row("login   login   login   login   login   200     200     login   login   403     403     login 403"),
        "closed by the governors":           row("login   login   login   login   login   200     200     login   login   403     403     login 403"),
        "withdrawn":                         row("login   login   login   login   login   403     200     login   login   403     403     login 403"),
        "raised as a safeguarding concern":  row("login   login   login   login   login   403     403     login   login   403     403     login 403"),
        "referred to safeguarding":          row("login   login   login   login   login   403     403     login   login   403     403     login 403"),
    },
    "editing it in the admin (POST)": {
        state: row("login   login   login   login   login   403     403     login   login   403     403     login 403") for state in STATES
    },
    "deleting it in the admin": {
        state: row("login   login   login   login   login   403     403     login   login   403     403     login 403") for state in STATES
    },
    "an internal note from the admin's list (POST)": {
        "at the class teacher":              row("login   login   login   login   login   refused done    login   login   refused refused login 403"),
        "escalated to the office":           row("login   login   login   login   login   done    done    login   login   refused refused login 403"),
        "passed to the head":                row("login   login   login   login   login   refused done    login   login   refused refused login 403"),
        "at the governors":                  row("login   login   login   login   login   refused refused login   login   refused refused login 403"),
        "closed by the governors":           row("login   login   login   login   login   refused refused login   login   refused refused login 403"),
        "withdrawn":                         row("login   login   login   login   login   refused refused login   login   refused refused login 403"),
        "raised as a safeguarding concern":  row("login   login   login   login   login   refused refused login   login   refused refused login 403"),
        "referred to safeguarding":          row("login   login   login   login   login   refused refused login   login   refused refused login 403"),
    },
    "its emails in the admin's outbox": {
        "at the class teacher":              row("login   login   login   login   login   403     in      login   login   out     in      login 403"),
        "escalated to the office":           row("login   login   login   login   login   403     in      login   login   out     in      login 403"),
        "passed to the head":                row("login   login   login   login   login   403     in      login   login   out     in      login 403"),
        "at the governors":                  row("login   login   login   login   login   403     in      login   login   out     in      login 403"),
        "closed by the governors":           row("login   login   login   login   login   403     in      login   login   out     in      login 403"),
        "withdrawn":                         row("login   login   login   login   login   403     in      login   login   out     in      login 403"),
        "raised as a safeguarding concern":  row("login   login   login   login   login   403     out     login   login   out     in      login 403"),
        "referred to safeguarding":          row("login   login   login   login   login   403     out     login   login   out     in      login 403"),
    },
    "who opened it, in the admin": {
        "at the class teacher":              row("login   login   login   login   login   403     in      login   login   out     in      login 403"),
        "escalated to the office":           row("login   login   login   login   login   403     in      login   login   out     in      login 403"),
        "passed to the head":                row("login   login   login   login   login   403     in      login   login   out     in      login 403"),
        "at the governors":                  row("login   login   login   login   login   403     in      login   login   out     in      login 403"),
        "closed by the governors":           row("login   login   login   login   login   403     in      login   login   out     in      login 403"),
        "withdrawn":                         row("login   login   login   login   login   403     in      login   login   out     in      login 403"),
        "raised as a safeguarding concern":  row("login   login   login   login   login   403     out     login   login   out     in      login 403"),
        "referred to safeguarding":          row("login   login   login   login   login   403     out     login   login   out     in      login 403"),
    },
    "a line in my queue: referred to safeguarding": {
        "at the class teacher":              row("login   403     403     out     out     out     out     out     out     out     403     403 out"),
        "escalated to the office":           row("login   403     403     out     out     out     out     out     out     out     403     403 out"),
        "passed to the head":                row("login   403     403     out     out     out     out     out     out     out     403     403 out"),
        "at the governors":                  row("login   403     403     out     out     out     out     out     out     out     403     403 out"),
        "closed by the governors":           row("login   403     403     out     out     out     out     out     out     out     403     403 out"),
        "withdrawn":                         row("login   403     403     out     out     out     out     out     out     out     403     403 out"),
        "raised as a safeguarding concern":  row("login   403     403     out     out     out     out     out     out     out     403     403 out"),
        "referred to safeguarding":          row("login   403     403     in      out     out     out     out     out     out     403     403 out"),
    },
    "every open report I can see /queue/?show=open": {
        "at the class teacher":               row("login   403     403     in      out     out     in      out     out     out     403     403     out"),
        "escalated to the office":            row("login   403     403     in      out     in      in      out     out     out     403     403     out"),
        "passed to the head":                 row("login   403     403     in      out     in      in      out     out     out     403     403     out"),
        "at the governors":                   row("login   403     403     in      out     in      in      in      in      out     403     403     in"),
        "closed by the governors":            row("login   403     403     out     out     out     out     out     out     out     403     403     out"),
        "withdrawn":                          row("login   403     403     out     out     out     out     out     out     out     403     403     out"),
        "raised as a safeguarding concern":   row("login   403     403     out     out     out     out     out     out     out     403     403     out"),
        "referred to safeguarding":           row("login   403     403     out     out     out     out     out     out     out     403     403     out"),
    },
    "closed reports I can see /queue/?show=closed": {
        "at the class teacher":               row("login   403     403     out     out     out     out     out     out     out     403     403     out"),
        "escalated to the office":            row("login   403     403     out     out     out     out     out     out     out     403     403     out"),
        "passed to the head":                 row("login   403     403     out     out     out     out     out     out     out     403     403     out"),
        "at the governors":                   row("login   403     403     out     out     out     out     out     out     out     403     403     out"),
        "closed by the governors":            row("login   403     403     in      out     in      in      in      in      out     403     403     in"),
        "withdrawn":                          row("login   403     403     in      out     out     in      out     out     out     403     403     out"),
        "raised as a safeguarding concern":   row("login   403     403     out     out     out     out     out     out     out     403     403     out"),
        "referred to safeguarding":           row("login   403     403     out     out     out     out     out     out     out     403     403     out"),
    },
    "the queue as CSV /queue/?format=csv": {
        "at the class teacher":               row("login   403     403     in      out     out     in      out     out     out     403     403     out"),
        "escalated to the office":            row("login   403     403     in      out     in      in      out     out     out     403     403     out"),
        "passed to the head":                 row("login   403     403     in      out     in      in      out     out     out     403     403     out"),
        "at the governors":                   row("login   403     403     in      out     in      in      in      in      out     403     403     in"),
        "closed by the governors":            row("login   403     403     out     out     out     out     out     out     out     403     403     out"),
        "withdrawn":                          row("login   403     403     out     out     out     out     out     out     out     403     403     out"),
        "raised as a safeguarding concern":   row("login   403     403     out     out     out     out     out     out     out     403     403     out"),
        "referred to safeguarding":           row("login   403     403     out     out     out     out     out     out     out     403     403     out"),
    },
    "a line in the complaints register": {
        "at the class teacher":               row("login   403     403     403     403     403     out     out     out     out     403     403     out"),
        "escalated to the office":            row("login   403     403     403     403     403     in      in      in      out     403     403     in"),
        "passed to the head":                 row("login   403     403     403     403     403     in      in      in      out     403     403     in"),
        "at the governors":                   row("login   403     403     403     403     403     in      in      in      out     403     403     in"),
        "closed by the governors":            row("login   403     403     403     403     403     in      in      in      out     403     403     in"),
        "withdrawn":                          row("login   403     403     403     403     403     out     out     out     out     403     403     out"),
        "raised as a safeguarding concern":   row("login   403     403     403     403     403     out     out     out     out     403     403     out"),
        "referred to safeguarding":           row("login   403     403     403     403     403     out     out     out     out     403     403     out"),
    },
    "the safeguarding team's list /safeguarding/": {
        "at the class teacher":              row("login   403     403     403     403     403     403     403     403     403     403     out 403"),
        "escalated to the office":           row("login   403     403     403     403     403     403     403     403     403     403     out 403"),
        "passed to the head":                row("login   403     403     403     403     403     403     403     403     403     403     out 403"),
        "at the governors":                  row("login   403     403     403     403     403     403     403     403     403     403     out 403"),
        "closed by the governors":           row("login   403     403     403     403     403     403     403     403     403     403     out 403"),
        "withdrawn":                         row("login   403     403     403     403     403     403     403     403     403     403     out 403"),
        "raised as a safeguarding concern":  row("login   403     403     403     403     403     403     403     403     403     403     in 403"),
        "referred to safeguarding":          row("login   403     403     403     403     403     403     403     403     403     403     in 403"),
    },
    "a note on a safeguarding concern (POST)": {
        "at the class teacher":              row("login   404     404     404     404     404     404     404     404     404     404     404 404"),
        "escalated to the office":           row("login   404     404     404     404     404     404     404     404     404     404     404 404"),
        "passed to the head":                row("login   404     404     404     404     404     404     404     404     404     404     404 404"),
        "at the governors":                  row("login   404     404     404     404     404     404     404     404     404     404     404 404"),
        "closed by the governors":           row("login   404     404     404     404     404     404     404     404     404     404     404 404"),
        "withdrawn":                         row("login   404     404     404     404     404     404     404     404     404     404     404 404"),
        "raised as a safeguarding concern":  row("login   refused 404     404     404     404     404     404     404     404     404     done 404"),
        "referred to safeguarding":          row("login   refused 404     404     404     404     404     404     404     404     404     done 404"),
    },
    "refer it to safeguarding (POST)": {
        "at the class teacher":              row("login   404     404     done    404     404     done    404     404     404     404     404 404"),
        "escalated to the office":           row("login   404     404     done    404     done    done    404     404     404     404     404 404"),
        "passed to the head":                row("login   404     404     done    404     done    done    404     404     404     404     404 404"),
        "at the governors":                  row("login   404     404     done    404     done    done    done    done    404     404     404 done"),
        "closed by the governors":           row("login   404     404     done    404     done    done    done    done    404     404     404 done"),
        "withdrawn":                         row("login   404     404     done    404     404     done    404     404     404     404     404 404"),
        "raised as a safeguarding concern":  row("login   404     404     404     404     404     404     404     404     404     404     404 404"),
        "referred to safeguarding":          row("login   404     404     404     404     404     404     404     404     404     404     404 404"),
    },
}

# Pages that are not about one report.
#                                                             anon    rep     par2    teach   teach2  office  head    gov     chair   conc    super   dsl     clerk
PAGE_ROWS = {
    "make a report /reports/new/":                       row("login   200     200     200     200     200     200     200     200     200     200     200 200"),
    "the leadership overview /overview/":                row("login   403     403     403     403     403     200     403     403     200     403     403 403"),
    "the admin /admin/":                                 row("login   login   login   login   login   200     200     login   login   200     200     login 200"),
    "a parent's account in the admin":                   row("login   login   login   login   login   200     200     login   login   200     200     login 403"),
    "the head's account in the admin":                   row("login   login   login   login   login   gone    gone    login   login   gone    200     login 403"),
    "setting the head's password in the admin":          row("login   login   login   login   login   403     403     login   login   403     403     login 403"),
    "staff in the admin's people search":                row("login   login   login   login   login   out     out     login   login   out     in      login 403"),
    "classes and children in the admin":                 row("login   login   login   login   login   200     200     login   login   200     200     login 403"),
    "groups in the admin":                               row("login   login   login   login   login   403     403     login   login   403     200     login 403"),
    "login throttling in the admin":                     row("login   login   login   login   login   403     403     login   login   403     200     login 403"),
    "two-factor sign-in /accounts/two-factor/":          row("login   200     200     200     200     200     200     200     200     200     200     200 200"),
    "the safeguarding team's list /safeguarding/":       row("login   403     403     403     403     403     403     403     403     403     403     200 403"),
    "the complaints register /governors/register/":      row("login   403     403     403     403     403     200     200     200     200     403     403     200"),
    "help /help/":                                       row("200     200     200     200     200     200     200     200     200     200     200     200     200"),
    "the school's contact details /contact/":            row("200     200     200     200     200     200     200     200     200     200     200     200     200"),
    "the accessibility statement /accessibility/":       row("200     200     200     200     200     200     200     200     200     200     200     200     200"),
}
# fmt: on
