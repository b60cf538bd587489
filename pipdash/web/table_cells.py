"""Cheaper table cells: django-tables2 reads each render method's signature once, not once a cell (issue 20).

django-tables2 calls `inspect.signature` on a column's `render` (or a table's `render_FOO`) for every
cell it renders, to pass only the arguments the method names. A signature is the same for every cell of
a column and costs more than most cells' own work: at national scale the 786-figure project page and the
compare page's 153-council tables spent a sixth of their build there. `install()` (called from
pipdash/apps.py) swaps that one lookup for one that remembers each function's answer. What every cell
shows is unchanged: the answer depends only on the function's definition.
"""

from __future__ import annotations

import inspect
import weakref

from django_tables2 import utils

_original_signature = utils.signature
# Keyed on the plain function, weakly, so a table class made on the fly (table_factory) is not kept alive.
# Bound methods and plain functions are kept apart: one signature leaves out `self`, the other does not.
_of_methods: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_of_functions: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def remembered_signature(fn):
    """django_tables2.utils.signature's answer, (argument names, ** name), read once per function."""
    if inspect.ismethod(fn):
        known, key = _of_methods, fn.__func__
    elif inspect.isfunction(fn):
        known, key = _of_functions, fn
    else:  # a callable object or a partial: asked afresh each time, as django-tables2 does
        return _original_signature(fn)
    try:
        return known[key]
    except KeyError:
        answer = known[key] = _original_signature(fn)
        return answer


def install() -> None:
    """Make django-tables2's call_with_appropriate (which looks `signature` up in its module) use it."""
    utils.signature = remembered_signature
