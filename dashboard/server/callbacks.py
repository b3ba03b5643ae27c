"""How features register their callbacks: named module-level functions, given the app context."""

from __future__ import annotations

from typing import Callable


def bound(context, function: Callable) -> Callable:
    """`function(context, *values)` as the Dash callback `f(*values)`, keeping its name for logs and tools.

    No `__wrapped__`: Dash must see the bound signature, not the function's own."""

    def callback(*values):
        return function(context, *values)

    callback.__name__ = function.__name__
    callback.__qualname__ = function.__qualname__
    callback.__module__ = function.__module__
    callback.__doc__ = function.__doc__
    return callback
