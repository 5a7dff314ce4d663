"""compsim: compare social landlords' compensation policies, every figure traced to its clause.

Plugin authors need only ``from compsim import hookimpl``. Everything else is imported on
first use, so that ``compsim --help`` stays fast.
"""

from compsim.hookspecs import hookimpl

__all__ = ["evaluate", "hookimpl", "load_paths", "models"]


def __getattr__(name: str):
    if name == "models":
        import compsim.models

        return compsim.models
    if name == "evaluate":
        from compsim.simulate import evaluate

        return evaluate
    if name == "load_paths":
        from compsim.scenarios import load_paths

        return load_paths
    raise AttributeError(f"module 'compsim' has no attribute {name!r}")
