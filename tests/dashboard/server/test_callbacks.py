"""Every server callback is a named module-level function of its feature's `_callbacks` module, bound to
the context (see server/callbacks.bound): logs and tools name it, and no lambda hides a closure."""

import importlib
import inspect

from dashboard.server.callbacks import bound

FEATURES = ("page", "map", "overview", "gaps", "detail", "share")


def server_callbacks(app) -> dict[str, object]:
    return {key: spec["callback"] for key, spec in app.callback_map.items() if "callback" in spec}


def test_every_callback_is_a_named_function_of_its_feature(app):
    callbacks = server_callbacks(app)
    assert len(callbacks) >= 10
    features_seen = set()
    for key, callback in callbacks.items():
        name, module_name = callback.__name__, callback.__module__
        assert name != "<lambda>" and "<locals>" not in callback.__qualname__, (key, callback.__qualname__)
        parts = module_name.split(".")
        assert parts[:2] == ["dashboard", "features"] and parts[3] == "_callbacks" and parts[2] in FEATURES, \
            (key, module_name)
        module = importlib.import_module(module_name)
        function = getattr(module, name, None)
        assert inspect.isfunction(function) and function.__module__ == module_name, (key, name)
        # the module-level function takes the context first
        assert next(iter(inspect.signature(function).parameters)) == "context", (key, name)
        features_seen.add(parts[2])
    # the share panel is filled in the browser (shareLinks, freezeEmbed): no server callback of its own
    assert features_seen == set(FEATURES) - {"share"}


def test_every_callbacks_module_registers(app):
    for feature in FEATURES:
        module = importlib.import_module(f"dashboard.features.{feature}._callbacks")
        assert callable(module.register)


def test_bound_keeps_the_name_and_passes_the_context():
    def show(context, value):
        """Doc."""
        return context, value

    callback = bound("ctx", show)
    assert callback(1) == ("ctx", 1)
    assert (callback.__name__, callback.__doc__, callback.__module__) == ("show", "Doc.", __name__)
    assert not hasattr(callback, "__wrapped__")
