"""A model instance's shallow copy made cheaply, for pages that copy hundreds (issue 20 point 4).

copy.copy(instance) goes through pickling's machinery (Model.__reduce__, __getstate__, __setstate__) to
give a copy with its own state and its own cache of related objects: a council page's approved copies of
its figures, milestones and progress updates (metrics.models.Reading.as_published,
projects.signoff.SignedOff.as_published) spent more in that machinery than in the copying.
"""

from __future__ import annotations


def shallow_copy(instance):
    """What copy.copy(instance) gives a model instance: the same field values, its own ModelState and its own
    fields cache (so the copy's related objects can change without touching the original's)."""
    cls = type(instance)
    shown = cls.__new__(cls)
    shown.__dict__.update(instance.__dict__)
    state = instance._state
    shown._state = copied = state.__class__.__new__(state.__class__)
    copied.__dict__.update(state.__dict__)
    copied.fields_cache = dict(state.fields_cache)
    return shown
