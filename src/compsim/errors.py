"""Errors a user can cause. Each prints as one line; none shows a traceback."""

# after "got the text '600'" where a number, date or true/false was meant
QUOTED_HINT = " (write it without quotes: in TOML, quotes make it text)"


class CompsimError(Exception):
    """A problem with the user's input: a file, an option, an override, a landlord id."""


class ScenarioError(CompsimError):
    """One thing wrong in one scenario file: the file, the field path and what was expected."""

    def __init__(self, file: str, field: str, expected: str) -> None:
        self.file = file
        self.field = field
        self.expected = expected
        super().__init__(f"{file}: {field}: {expected}" if field else f"{file}: {expected}")


class ScenarioErrors(CompsimError):
    """Every error found in a set of scenario files (validation reports them all)."""

    def __init__(self, errors: list[ScenarioError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


class ParamError(CompsimError):
    """A bad parameter file, override, or an unknown landlord or parameter."""


class PluginError(Exception):
    """A plugin broke its contract: raised inside a hook or returned something invalid.

    Reported against that landlord only; other landlords' results still come out.
    """

    def __init__(self, landlord: str, hook: str, message: str) -> None:
        self.landlord = landlord
        self.hook = hook
        self.message = message
        super().__init__(f"{landlord}: {hook}: {message}")
