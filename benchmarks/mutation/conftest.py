"""Mutation runs only: a small derandomized hypothesis profile, so each mutant's run is short
and a surviving mutant survives every time."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "mutation",
    derandomize=True,
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile("mutation")
