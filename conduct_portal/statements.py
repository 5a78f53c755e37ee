"""Querysets compiled to SQL once per process for each set of arguments, and kept.

Building and compiling a queryset with a few subqueries costs Django more than the database takes to run it
(a person's grants on a report: about 10 ms against 2). Where a page asks the same question for the same person
on every request, ``compiled(build, *args)`` keeps ``build(*args)``'s SQL and parameters: ``build`` must depend on
nothing but its (hashable) arguments.
"""

import functools


@functools.lru_cache(maxsize=2048)
def compiled(build, *args):
    """(sql, params) of the queryset ``build(*args)``."""
    return build(*args).query.sql_with_params()
